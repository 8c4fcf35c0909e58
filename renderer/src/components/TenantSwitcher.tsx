import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Tenant } from '../bridge/types';
import { useDebounced } from '../lib/useDebounced';
import { useTenantSearch } from '../queries/data';
import { useOverlays } from '../state/overlays';
import { switchTenant } from '../state/switch-tenant';
import { useTenant } from '../state/tenant';
import { Badge } from './Badge';
import { Picker, type PickerItem } from './Picker';

/** Search tenants by name or id (server-side `q`), with recent tenants first. */
export function TenantSwitcher() {
  const close = useOverlays((s) => s.close);
  const recent = useTenant((s) => s.recent);
  const qc = useQueryClient();
  const [query, setQuery] = useState('');
  const debounced = useDebounced(query.trim(), 150);
  const search = useTenantSearch(debounced);

  const known = (id: string) => qc.getQueryData<Tenant>(['tenants', 'get', id]);
  const toItem = (t: Pick<Tenant, 'id' | 'name'> & { status?: string }, group: string): PickerItem => ({
    id: `${group}:${t.id}`,
    text: `${t.name} ${t.id}`,
    label: (
      <>
        <span className="picker-name">{t.name}</span> <code>{t.id}</code>
      </>
    ),
    hint: t.status ? <Badge status={t.status} /> : undefined,
    group,
    run: () => switchTenant(t.id),
  });

  const items: PickerItem[] = [];
  if (!debounced) {
    for (const id of recent) {
      const t = known(id);
      items.push(toItem(t ? t : { id, name: id }, 'Recent'));
    }
  }
  for (const t of search.data?.data ?? []) items.push(toItem(t, debounced ? 'Matches' : 'All tenants'));

  return (
    <Picker
      title="Switch tenant"
      placeholder="Search tenants by name or id…"
      query={query}
      onQuery={setQuery}
      items={items}
      onClose={close}
      testId="tenant-switcher"
      status={
        search.isError
          ? `Could not search tenants: ${(search.error as Error).message}`
          : search.isFetching
            ? 'Searching…'
            : search.data?.next_cursor
              ? 'Showing the first 50; type more of the name or id to narrow.'
              : null
      }
    />
  );
}

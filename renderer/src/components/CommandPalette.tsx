import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Endpoint, Workload } from '../bridge/types';
import { shortcutLabel } from '../lib/platform';
import { SCREEN_ITEMS } from '../lib/shortcuts';
import { useDebounced } from '../lib/useDebounced';
import { useTenantSearch } from '../queries/data';
import { useNavigation } from '../state/navigation';
import { useOverlays } from '../state/overlays';
import { switchTenant } from '../state/switch-tenant';
import { useTenant } from '../state/tenant';
import { Picker, type PickerItem } from './Picker';

export const ADMIN_SECTIONS = [
  { id: 'subscription', label: 'Subscription' },
  { id: 'adjust', label: 'Adjustment or top-up' },
  { id: 'replenish', label: 'Monthly replenishment' },
  { id: 'reconcile', label: 'Reconciliation queue' },
  { id: 'metering', label: 'Metering tick' },
  { id: 'views', label: 'Cross-tenant views' },
] as const;

function matches(text: string, q: string): boolean {
  if (!q) return true;
  const hay = text.toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .every((part) => hay.includes(part));
}

/** Ctrl/⌘+K: every screen, action, tenant, workload and endpoint, one search away. */
export function CommandPalette() {
  const close = useOverlays((s) => s.close);
  const show = useOverlays((s) => s.show);
  const go = useNavigation((s) => s.go);
  const tenantId = useTenant((s) => s.tenantId);
  const qc = useQueryClient();
  const [query, setQuery] = useState('');
  const q = query.trim();
  const debounced = useDebounced(q, 150);
  const tenants = useTenantSearch(debounced, debounced.length >= 2);

  const items: PickerItem[] = [];
  const add = (item: Omit<PickerItem, 'id'> & { id?: string }) => {
    if (matches(item.text, q)) items.push({ id: item.id ?? `${item.group}:${item.text}`, ...item });
  };

  if (/^wl_\w+$/i.test(q)) {
    items.push({
      id: 'open-workload',
      group: 'Go to id',
      text: q,
      label: (
        <>
          Open workload <code>{q}</code>
        </>
      ),
      run: () => go('workloads', 'detail', q),
    });
  }
  if (/^ep_\w+$/i.test(q)) {
    items.push({
      id: 'open-endpoint',
      group: 'Go to id',
      text: q,
      label: (
        <>
          Open endpoint <code>{q}</code>
        </>
      ),
      run: () => go('endpoints', 'detail', q),
    });
  }

  for (const s of SCREEN_ITEMS) {
    add({
      group: 'Screens',
      text: `Go to ${s.label}`,
      label: `Go to ${s.label}`,
      hint: <kbd>{shortcutLabel(s.shortcut)}</kbd>,
      run: () => go(s.screen),
    });
  }
  add({
    group: 'Actions',
    text: 'New workload',
    label: 'New workload…',
    hint: <kbd>N</kbd>,
    run: () => go('workloads', 'new'),
  });
  for (const a of ADMIN_SECTIONS) {
    add({
      group: 'Actions',
      text: `Admin ${a.label}`,
      label: `Admin: ${a.label}…`,
      run: () => go('admin', a.id),
    });
  }
  add({
    group: 'Actions',
    text: 'Switch tenant',
    label: 'Switch tenant…',
    hint: <kbd>T</kbd>,
    run: () => show('tenants'),
  });
  add({
    group: 'Actions',
    text: 'Keyboard shortcuts help',
    label: 'Keyboard shortcuts',
    hint: <kbd>?</kbd>,
    run: () => show('help'),
  });

  if (tenantId) {
    const workloadPages = qc.getQueriesData<{ pages: { data: Workload[] }[] }>({
      queryKey: ['workloads', 'list'],
    });
    const seen = new Set<string>();
    for (const [, data] of workloadPages) {
      for (const w of data?.pages.flatMap((p) => p.data) ?? []) {
        if (seen.has(w.id) || !q) continue;
        seen.add(w.id);
        add({
          id: `wl:${w.id}`,
          group: 'Workloads',
          text: `${w.name} ${w.id}`,
          label: (
            <>
              <span className="picker-name">{w.name}</span> <code>{w.id}</code>
            </>
          ),
          run: () => go('workloads', 'detail', w.id),
        });
      }
    }
    const endpoints = qc.getQueryData<Endpoint[]>(['endpoints', 'list', tenantId]) ?? [];
    for (const e of endpoints) {
      if (!q) continue;
      add({
        id: `ep:${e.id}`,
        group: 'Endpoints',
        text: `${e.name} ${e.id}`,
        label: (
          <>
            <span className="picker-name">{e.name}</span> <code>{e.id}</code>
          </>
        ),
        run: () => go('endpoints', 'detail', e.id),
      });
    }
  }
  if (debounced.length >= 2) {
    for (const t of tenants.data?.data ?? []) {
      items.push({
        id: `ten:${t.id}`,
        group: 'Tenants',
        text: `${t.name} ${t.id}`,
        label: (
          <>
            <span className="picker-name">{t.name}</span> <code>{t.id}</code>
          </>
        ),
        run: () => switchTenant(t.id),
      });
    }
  }

  // Keep groups contiguous in a stable order so arrow keys follow what is on screen.
  const order = ['Go to id', 'Tenants', 'Workloads', 'Endpoints', 'Screens', 'Actions'];
  items.sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));

  return (
    <Picker
      title="Command palette"
      placeholder="Type a screen, action, tenant, workload or endpoint name or id…"
      query={query}
      onQuery={setQuery}
      items={items}
      onClose={close}
      testId="command-palette"
      status={tenants.isFetching ? 'Searching tenants…' : null}
    />
  );
}

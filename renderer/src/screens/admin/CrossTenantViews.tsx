import { useMemo, useState } from 'react';
import type { AuditEntry, Endpoint, Transaction, Workload } from '../../bridge/types';
import { Badge } from '../../components/Badge';
import { Credits } from '../../components/Credits';
import { type Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { Skeleton } from '../../components/Skeleton';
import { formatTime } from '../../lib/format';
import { useDebounced } from '../../lib/useDebounced';
import { useAdminList } from '../../queries/data';
import { transactionColumns } from '../wallet/TransactionTable';
import { CROSS_TENANT_NOTICE } from './ReconciliationQueue';

const VIEWS = ['transactions', 'endpoints', 'workloads', 'audit'] as const;
type View = (typeof VIEWS)[number];

const tenantCol = <T extends { tenant_id: string | null }>(): Column<T> => ({
  key: 'tenant',
  header: 'Tenant',
  width: '110px',
  render: (r) => <code>{r.tenant_id ?? '—'}</code>,
});

const txColumns: Column<Transaction>[] = [
  tenantCol<Transaction>(),
  ...transactionColumns.filter((c) => c.key !== 'ref'),
];
const endpointColumns: Column<Endpoint>[] = [
  tenantCol<Endpoint>(),
  { key: 'id', header: 'Endpoint', width: '104px', render: (e) => <code>{e.id}</code> },
  {
    key: 'name',
    header: 'Name',
    width: 'minmax(120px, 1fr)',
    render: (e) => <span className="truncate">{e.name}</span>,
  },
  { key: 'status', header: 'Status', width: '130px', render: (e) => <Badge status={e.status} /> },
  {
    key: 'rate',
    header: 'Rate / hour',
    width: '100px',
    align: 'right',
    render: (e) => <Credits value={e.rate_per_hour} />,
  },
  {
    key: 'metered',
    header: 'Last metered (UTC)',
    width: '150px',
    render: (e) => <span className="num">{formatTime(e.last_metered_at)}</span>,
  },
];
const workloadColumns: Column<Workload>[] = [
  tenantCol<Workload>(),
  { key: 'id', header: 'Workload', width: '104px', render: (w) => <code>{w.id}</code> },
  {
    key: 'name',
    header: 'Name',
    width: 'minmax(120px, 1fr)',
    render: (w) => <span className="truncate">{w.name}</span>,
  },
  { key: 'status', header: 'Status', width: '110px', render: (w) => <Badge status={w.status} /> },
  {
    key: 'estimate',
    header: 'Estimate',
    width: '92px',
    align: 'right',
    render: (w) => <Credits value={w.estimate_credits} />,
  },
  { key: 'rec', header: 'Reconciled', width: '90px', render: (w) => (w.reconciled_at ? 'yes' : 'no') },
];
const auditColumns: Column<AuditEntry>[] = [
  {
    key: 'at',
    header: 'At (UTC)',
    width: '150px',
    render: (a) => <span className="num">{formatTime(a.at)}</span>,
  },
  tenantCol<AuditEntry>(),
  { key: 'action', header: 'Action', width: '160px', render: (a) => a.action },
  { key: 'actor', header: 'Actor', width: '110px', render: (a) => `${a.actor} (${a.actor_role})` },
  {
    key: 'status',
    header: 'HTTP',
    width: '56px',
    align: 'right',
    render: (a) => <span className="num">{a.result.status}</span>,
  },
  {
    key: 'tx',
    header: 'Transactions',
    width: 'minmax(120px, 1fr)',
    render: (a) => <span className="truncate">{a.result.transaction_ids.join(', ') || '—'}</span>,
  },
];

export function CrossTenantViews() {
  const [view, setView] = useState<View>('transactions');
  const [tenant, setTenant] = useState('');
  const tenantId = useDebounced(tenant.trim(), 250);
  return (
    <div>
      <p className="notice" data-testid="identifying-notice">
        {CROSS_TENANT_NOTICE}
      </p>
      <search className="filters" aria-label="Filter cross-tenant view">
        <div className="segmented" role="radiogroup" aria-label="View">
          {VIEWS.map((v) => (
            <label key={v} className={v === view ? 'segment is-current' : 'segment'}>
              <input type="radio" name="xview" value={v} checked={v === view} onChange={() => setView(v)} />
              {v}
            </label>
          ))}
        </div>
        <label className="filter filter-grow">
          <span>Tenant id</span>
          <input
            className="input mono"
            value={tenant}
            placeholder="all tenants  ( / )"
            data-search=""
            onChange={(e) => setTenant(e.target.value)}
          />
        </label>
      </search>
      <ViewTable view={view} tenantId={tenantId} />
    </div>
  );
}

function ViewTable({ view, tenantId }: { view: View; tenantId: string }) {
  const args = tenantId ? { tenantId } : {};
  const tx = useAdminList('admin.transactions', args, view === 'transactions');
  const ep = useAdminList('admin.endpoints', args, view === 'endpoints');
  const wl = useAdminList('admin.workloads', args, view === 'workloads');
  const au = useAdminList('admin.audit', args, view === 'audit');
  const q = { transactions: tx, endpoints: ep, workloads: wl, audit: au }[view];
  const rows = useMemo(
    () => (q.data?.pages.flatMap((p) => (p as { data: unknown[] }).data) ?? []) as never[],
    [q.data],
  );
  if (q.isPending) return <Skeleton label={`Loading ${view}…`} />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (rows.length === 0) {
    return (
      <EmptyState title={`No ${view}`}>
        <p>
          {tenantId
            ? 'Check the tenant id, or clear it to see all tenants.'
            : 'Nothing has been recorded yet.'}
        </p>
      </EmptyState>
    );
  }
  const common = {
    label: `All tenants: ${view}`,
    testId: `xview-${view}`,
    rows,
    hasMore: q.hasNextPage,
    loadingMore: q.isFetchingNextPage,
    onNeedMore: () => void q.fetchNextPage(),
    rowKey: (r: { id: string }) => r.id,
  };
  switch (view) {
    case 'transactions':
      return <DataTable {...common} columns={txColumns as Column<never>[]} />;
    case 'endpoints':
      return <DataTable {...common} columns={endpointColumns as Column<never>[]} />;
    case 'workloads':
      return <DataTable {...common} columns={workloadColumns as Column<never>[]} />;
    case 'audit':
      return <DataTable {...common} columns={auditColumns as Column<never>[]} />;
  }
}

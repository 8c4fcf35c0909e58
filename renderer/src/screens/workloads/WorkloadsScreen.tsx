import { useMemo, useState } from 'react';
import type { Workload } from '../../bridge/types';
import { Badge } from '../../components/Badge';
import { Credits } from '../../components/Credits';
import { type Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Skeleton } from '../../components/Skeleton';
import { TenantRequired } from '../../components/TenantRequired';
import { formatTime } from '../../lib/format';
import { useWorkloads } from '../../queries/data';
import { useNavigation } from '../../state/navigation';
import { NewWorkloadForm } from './NewWorkloadForm';
import { WORKLOAD_STATUSES } from './statuses';
import { WorkloadDetail } from './WorkloadDetail';

const columns: Column<Workload>[] = [
  { key: 'id', header: 'Id', width: '104px', render: (w) => <code>{w.id}</code> },
  {
    key: 'name',
    header: 'Name',
    width: 'minmax(140px, 1fr)',
    render: (w) => <span className="truncate">{w.name}</span>,
  },
  { key: 'status', header: 'Status', width: '120px', render: (w) => <Badge status={w.status} /> },
  {
    key: 'estimate',
    header: 'Estimate',
    width: '96px',
    align: 'right',
    render: (w) => <Credits value={w.estimate_credits} />,
  },
  {
    key: 'actual',
    header: 'Actual',
    width: '96px',
    align: 'right',
    render: (w) =>
      w.actual_credits ? <Credits value={w.actual_credits} /> : <span className="muted">—</span>,
  },
  {
    key: 'reconciled',
    header: 'Reconciled',
    width: '92px',
    render: (w) => (w.reconciled_at ? 'yes' : <span className="muted">no</span>),
  },
  {
    key: 'created',
    header: 'Created (UTC)',
    width: '150px',
    render: (w) => <span className="num">{formatTime(w.created_at)}</span>,
  },
];

export function WorkloadsScreen() {
  const route = useNavigation((s) => s.route);
  const go = useNavigation((s) => s.go);
  return (
    <TenantRequired>
      {(tenantId) => (
        <div className="split">
          <div className="split-main">
            <ScreenHeader
              title="Workloads"
              stamp="workloads"
              subtitle="Run lifecycle: queued → fetching → instrumenting → running → finished, then reconciled."
              actions={
                <button type="button" className="btn btn-primary" onClick={() => go('workloads', 'new')}>
                  New workload <kbd>N</kbd>
                </button>
              }
            />
            <WorkloadList tenantId={tenantId} selectedId={route.section === 'detail' ? route.id : null} />
          </div>
          {route.section === 'new' ? (
            <aside className="split-side" aria-label="New workload">
              <NewWorkloadForm tenantId={tenantId} />
            </aside>
          ) : null}
          {route.section === 'detail' && route.id ? (
            <aside className="split-side" aria-label="Workload detail">
              <WorkloadDetail workloadId={route.id} />
            </aside>
          ) : null}
        </div>
      )}
    </TenantRequired>
  );
}

function WorkloadList({ tenantId, selectedId }: { tenantId: string; selectedId: string | null }) {
  const go = useNavigation((s) => s.go);
  const [status, setStatus] = useState<string>('');
  const [search, setSearch] = useState('');
  const args = useMemo(
    () => ({ tenantId, ...(status ? { status: status as Workload['status'] } : {}) }),
    [tenantId, status],
  );
  const query = useWorkloads(args);
  const all = useMemo(() => query.data?.pages.flatMap((p) => p.data) ?? [], [query.data]);
  const needle = search.trim().toLowerCase();
  // The backend has no name search for workloads; filter what is loaded (ids and names).
  const rows = needle
    ? all.filter((w) => w.id.toLowerCase().includes(needle) || w.name.toLowerCase().includes(needle))
    : all;

  return (
    <>
      <search className="filters" aria-label="Filter workloads">
        <label className="filter">
          <span>Status</span>
          <select className="input" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">All statuses</option>
            {WORKLOAD_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="filter filter-grow">
          <span>Search</span>
          <input
            className="input"
            type="search"
            placeholder="Name or id  ( / )"
            value={search}
            data-search=""
            onChange={(e) => setSearch(e.target.value)}
          />
        </label>
        <span className="filter-count num" aria-live="polite">
          {rows.length.toLocaleString('en-US')}
          {query.hasNextPage ? '+' : ''} workloads
        </span>
      </search>
      {query.isPending ? (
        <Skeleton label="Loading workloads…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title={all.length === 0 ? 'No workloads yet' : 'No workloads match'}>
          {all.length === 0 ? (
            <p>Start one with New workload (N): paste a blob URL to an .ipynb or .py file.</p>
          ) : (
            <p>Clear the search or choose another status.</p>
          )}
        </EmptyState>
      ) : (
        <DataTable
          label="Workloads"
          testId="workloads-table"
          columns={columns}
          rows={rows}
          rowKey={(w) => w.id}
          selectedKey={selectedId}
          onActivate={(w) => go('workloads', 'detail', w.id)}
          hasMore={query.hasNextPage}
          loadingMore={query.isFetchingNextPage}
          onNeedMore={() => void query.fetchNextPage()}
        />
      )}
    </>
  );
}

import { useMemo } from 'react';
import { call, toOperatorError } from '../../bridge/client';
import type { JournalEntry } from '../../bridge/types';
import { Badge } from '../../components/Badge';
import { type Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Skeleton } from '../../components/Skeleton';
import { formatTime } from '../../lib/format';
import { useJournal } from '../../queries/data';
import { toast } from '../../state/toasts';

const columns: Column<JournalEntry>[] = [
  {
    key: 'at',
    header: 'At (UTC)',
    width: '150px',
    render: (e) => <span className="num">{formatTime(e.at)}</span>,
  },
  {
    key: 'profile',
    header: 'Profile',
    width: '120px',
    render: (e) => <span className="truncate">{e.profileName}</span>,
  },
  {
    key: 'operator',
    header: 'Operator',
    width: '110px',
    render: (e) => <span className="truncate">{e.operator}</span>,
  },
  { key: 'operation', header: 'Operation', width: '150px', render: (e) => e.operation },
  { key: 'tenant', header: 'Tenant', width: '110px', render: (e) => <code>{e.tenantId ?? '—'}</code> },
  {
    key: 'amount',
    header: 'Amount',
    width: '90px',
    align: 'right',
    render: (e) => <span className="num">{e.amount ?? '—'}</span>,
  },
  { key: 'phase', header: 'Phase', width: '72px', render: (e) => e.phase },
  { key: 'outcome', header: 'Outcome', width: '100px', render: (e) => <Badge status={e.outcome} /> },
  {
    key: 'detail',
    header: 'Transactions / error',
    width: 'minmax(160px, 1fr)',
    render: (e) => (
      <span className="truncate">{e.error ? e.error.message : e.transactionIds.join(', ') || '—'}</span>
    ),
  },
];

export function JournalScreen() {
  const journal = useJournal();
  const rows = useMemo(() => journal.data?.pages.flatMap((p) => p.entries) ?? [], [journal.data]);
  const exportJournal = async () => {
    try {
      const r = await call('journal.export', {});
      if (r.saved)
        toast({ tone: 'success', title: `Exported ${r.rows} journal lines`, detail: r.path ?? undefined });
      else toast({ tone: 'info', title: 'Export cancelled', detail: 'No file was written.' });
    } catch (e) {
      toast({ tone: 'error', title: 'Export failed', detail: toOperatorError(e).message });
    }
  };
  return (
    <>
      <ScreenHeader
        title="Journal"
        subtitle="Every commit this app attempted, and its outcome, as recorded on this machine before the result was shown."
        actions={
          <button type="button" className="btn" onClick={() => void exportJournal()}>
            Export journal…
          </button>
        }
      />
      {journal.isPending ? (
        <Skeleton label="Loading the journal…" />
      ) : journal.isError ? (
        <ErrorState error={journal.error} onRetry={() => void journal.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No commits from this app yet">
          <p>
            Each confirmed change (top-up, reconciliation, metering tick…) is journalled here with its
            idempotency key.
          </p>
        </EmptyState>
      ) : (
        <DataTable
          label="Journal"
          testId="journal-table"
          columns={columns}
          rows={rows}
          rowKey={(e) => e.id}
          hasMore={journal.hasNextPage}
          loadingMore={journal.isFetchingNextPage}
          onNeedMore={() => void journal.fetchNextPage()}
        />
      )}
    </>
  );
}

import type { Transaction } from '../../bridge/types';
import { Credits } from '../../components/Credits';
import { type Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { formatTime, humanize } from '../../lib/format';

export const transactionColumns: Column<Transaction>[] = [
  {
    key: 'seq',
    header: 'Seq',
    width: '64px',
    align: 'right',
    render: (t) => <span className="num">{t.seq}</span>,
  },
  { key: 'id', header: 'Id', width: '112px', render: (t) => <code>{t.id}</code> },
  {
    key: 'at',
    header: 'Created (UTC)',
    width: '150px',
    render: (t) => <span className="num">{formatTime(t.created_at)}</span>,
  },
  { key: 'type', header: 'Type', width: '150px', render: (t) => humanize(t.type) },
  {
    key: 'amount',
    header: 'Amount',
    width: '104px',
    align: 'right',
    render: (t) => <Credits value={t.amount} signed />,
  },
  {
    key: 'after',
    header: 'Balance after',
    width: '112px',
    align: 'right',
    render: (t) => <Credits value={t.balance_after} />,
  },
  {
    key: 'reason',
    header: 'Reason',
    width: 'minmax(160px, 1fr)',
    render: (t) => (
      <span className="truncate" title={t.reason}>
        {t.reason}
      </span>
    ),
  },
  {
    key: 'ref',
    header: 'Ref',
    width: '100px',
    render: (t) => <code className="muted">{t.workload_id ?? t.endpoint_id ?? ''}</code>,
  },
];

type Props = {
  rows: Transaction[];
  filtered: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  onNeedMore: () => void;
};

export function TransactionTable({ rows, filtered, hasMore, loadingMore, onNeedMore }: Props) {
  if (rows.length === 0 && !hasMore) {
    return (
      <EmptyState title={filtered ? 'No transactions match these filters' : 'No transactions yet'}>
        <p>
          {filtered
            ? 'Widen the date range, choose All types or clear the search.'
            : 'Transactions appear once the tenant is subscribed or topped up (Admin).'}
        </p>
      </EmptyState>
    );
  }
  return (
    <DataTable
      label="Transactions"
      testId="transactions-table"
      columns={transactionColumns}
      rows={rows}
      rowKey={(t) => t.id}
      hasMore={hasMore}
      loadingMore={loadingMore}
      onNeedMore={onNeedMore}
    />
  );
}

import { useMemo, useState } from 'react';
import type { Workload } from '../../bridge/types';
import { Badge } from '../../components/Badge';
import { Credits } from '../../components/Credits';
import { type Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { Field } from '../../components/Field';
import { Skeleton } from '../../components/Skeleton';
import { WriteButton } from '../../components/WriteButton';
import { formatTime } from '../../lib/format';
import { displayCredits, reconciliationOutcome, tryParseCredits } from '../../lib/money';
import { useAdminList } from '../../queries/data';
import { requestConfirm } from '../../state/confirm';
import { useNavigation } from '../../state/navigation';
import { TERMINAL } from '../workloads/statuses';
import { AdminForm } from './AdminForm';

export const CROSS_TENANT_NOTICE =
  'Internal admin scope. This view spans all tenants. Treat tenant_id values as identifying.';

const columns: Column<Workload>[] = [
  { key: 'id', header: 'Workload', width: '104px', render: (w) => <code>{w.id}</code> },
  { key: 'tenant', header: 'Tenant', width: '110px', render: (w) => <code>{w.tenant_id}</code> },
  {
    key: 'name',
    header: 'Name',
    width: 'minmax(120px, 1fr)',
    render: (w) => <span className="truncate">{w.name}</span>,
  },
  { key: 'status', header: 'Status', width: '104px', render: (w) => <Badge status={w.status} /> },
  {
    key: 'estimate',
    header: 'Estimate',
    width: '96px',
    align: 'right',
    render: (w) => <Credits value={w.estimate_credits} />,
  },
  {
    key: 'updated',
    header: 'Finished (UTC)',
    width: '150px',
    render: (w) => <span className="num">{formatTime(w.updated_at)}</span>,
  },
];

export function ReconciliationQueue({ selectedId }: { selectedId: string | null }) {
  const go = useNavigation((s) => s.go);
  const query = useAdminList('admin.workloads', { reconciled: false });
  // Unreconciled includes running workloads; the queue is only the finished ones.
  const rows = useMemo(
    () => (query.data?.pages.flatMap((p) => p.data) ?? []).filter((w) => TERMINAL.has(w.status)),
    [query.data],
  );
  const selected = rows.find((w) => w.id === selectedId) ?? null;
  return (
    <div className="split">
      <div className="split-main">
        <p className="callout callout-info">
          Currently a manual flow. Per the integration contract, reconciliation is operator-input today rather
          than auto-derived from cloud billing. Use the actual_credits value you've validated externally.
        </p>
        <p className="notice">{CROSS_TENANT_NOTICE}</p>
        {query.isPending ? (
          <Skeleton label="Loading the reconciliation queue…" />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : rows.length === 0 && !query.hasNextPage ? (
          <EmptyState title="Nothing to reconcile">
            <p>
              Every finished workload is reconciled. Workloads join this queue when they succeed, fail or are
              cancelled.
            </p>
          </EmptyState>
        ) : (
          <DataTable
            label="Reconciliation queue"
            testId="reconcile-queue"
            columns={columns}
            rows={rows}
            rowKey={(w) => w.id}
            selectedKey={selectedId}
            onActivate={(w) => go('admin', 'reconcile', w.id)}
            hasMore={query.hasNextPage}
            loadingMore={query.isFetchingNextPage}
            onNeedMore={() => void query.fetchNextPage()}
          />
        )}
      </div>
      <aside className="split-side" aria-label="Reconcile workload">
        {selected ? (
          <ReconcileForm key={selected.id} workload={selected} />
        ) : (
          <EmptyState title="Choose a workload">
            <p>Select a row (arrow keys, Enter) to enter its actual credits.</p>
          </EmptyState>
        )}
      </aside>
    </div>
  );
}

function ReconcileForm({ workload }: { workload: Workload }) {
  const [actual, setActual] = useState('');
  const parsed = actual === '' ? null : tryParseCredits(actual);
  const problem =
    parsed === null ? null : !parsed.ok ? parsed.error : parsed.units < 0n ? 'Must not be negative.' : null;
  const outcome = !problem && actual !== '' ? reconciliationOutcome(workload.estimate_credits, actual) : null;
  return (
    <AdminForm
      title="Reconciliation parameters"
      warning="Internal admin scope. Actions on this page change real platform state for the named tenant — credits, subscriptions, runtime status. No undo from the UI."
      intro={
        <>
          <p className="help">
            The workload must already be in a terminal state (succeeded/failed/cancelled).
          </p>
          <dl className="kv">
            <dt>Workload</dt>
            <dd>
              <code>{workload.id}</code> <span className="truncate">{workload.name}</span>
            </dd>
            <dt>Tenant</dt>
            <dd>
              <code>{workload.tenant_id}</code>
            </dd>
            <dt>Status</dt>
            <dd>
              <Badge status={workload.status} />
            </dd>
            <dt>Estimate (reserved)</dt>
            <dd>
              <Credits value={workload.estimate_credits} />
            </dd>
          </dl>
        </>
      }
      onSubmit={() => {
        if (problem || actual === '') return;
        requestConfirm({
          title: `Reconcile ${workload.id}`,
          request: {
            operation: 'workload.reconcile',
            payload: { workloadId: workload.id, actualCredits: actual },
          },
        });
      }}
    >
      <Field
        label="Actual credits"
        help="If higher than the estimate, the difference is charged. If lower, the difference is refunded."
        error={problem}
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input num-input"
            inputMode="decimal"
            value={actual}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setActual(e.target.value)}
          />
        )}
      </Field>
      <p className="outcome" aria-live="polite" data-testid="reconcile-outcome">
        {outcome === null
          ? 'Type the actual credits to see the charge or refund.'
          : outcome.kind === 'charge'
            ? `Charge of ${displayCredits(outcome.amount)} credits (actual above the estimate).`
            : outcome.kind === 'refund'
              ? `Refund of ${displayCredits(outcome.amount)} credits (actual below the estimate).`
              : 'Equal to the estimate: no charge or refund; the workload is marked reconciled.'}
      </p>
      <div className="form-actions">
        <WriteButton
          type="submit"
          invalidReason={actual === '' ? 'Enter the actual credits.' : problem ? 'Fix the amount.' : null}
        >
          Preview reconciliation…
        </WriteButton>
      </div>
    </AdminForm>
  );
}

import { useEffect, useRef } from 'react';
import type { Workload } from '../../bridge/types';
import { Badge } from '../../components/Badge';
import { Credits } from '../../components/Credits';
import { ErrorState } from '../../components/ErrorState';
import { Skeleton } from '../../components/Skeleton';
import { WriteButton } from '../../components/WriteButton';
import { formatTime } from '../../lib/format';
import { reconciliationOutcome } from '../../lib/money';
import { useIsAdmin } from '../../queries/connection';
import { useWorkload } from '../../queries/data';
import { requestConfirm } from '../../state/confirm';
import { useNavigation } from '../../state/navigation';
import { useTenant } from '../../state/tenant';
import { STEPS, TERMINAL } from './statuses';

export function WorkloadDetail({ workloadId }: { workloadId: string }) {
  const query = useWorkload(workloadId);
  const go = useNavigation((s) => s.go);
  const { tenantId, select } = useTenant();
  const w = query.data;

  // Opening a workload by id (palette) follows it to its tenant, once per
  // workload: a later tenant switch by the operator must win.
  const followed = useRef<string | null>(null);
  useEffect(() => {
    if (!w || followed.current === w.id) return;
    followed.current = w.id;
    if (w.tenant_id !== tenantId) select(w.tenant_id);
  }, [w, tenantId, select]);

  if (query.isPending) return <Skeleton rows={8} label="Loading workload…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!w) return null;
  const terminal = TERMINAL.has(w.status);
  return (
    <div className="detail" data-testid="workload-detail">
      <div className="detail-head">
        <h2 className="truncate">{w.name}</h2>
        <button type="button" className="btn-icon" aria-label="Close detail" onClick={() => go('workloads')}>
          ×
        </button>
      </div>
      <dl className="kv">
        <dt>Id</dt>
        <dd>
          <code>{w.id}</code>
        </dd>
        <dt>Status</dt>
        <dd>
          <Badge status={w.status} />
        </dd>
        <dt>Source</dt>
        <dd className="break">
          <code>{w.source_url}</code>
        </dd>
        <dt>Estimate</dt>
        <dd>
          <Credits value={w.estimate_credits} /> credits (reserved)
        </dd>
        <dt>Actual</dt>
        <dd>
          {w.actual_credits ? (
            <>
              <Credits value={w.actual_credits} /> credits
            </>
          ) : (
            <span className="muted">not known yet</span>
          )}
        </dd>
        <dt>Reconciliation</dt>
        <dd data-testid="reconciliation-state">
          <ReconciliationState workload={w} />
        </dd>
      </dl>
      <h3>Timeline</h3>
      <Timeline workload={w} />
      <div className="detail-actions">
        <WriteButton
          className="btn btn-danger-outline"
          invalidReason={terminal ? `Already ${w.status}: only unfinished workloads can be cancelled.` : null}
          onClick={() =>
            requestConfirm({
              title: `Cancel workload ${w.id}`,
              request: { operation: 'workload.cancel', payload: { workloadId: w.id } },
            })
          }
        >
          Cancel workload…
        </WriteButton>
        {terminal && !w.reconciled_at ? <ReconcileLink workloadId={w.id} /> : null}
      </div>
    </div>
  );
}

function ReconcileLink({ workloadId }: { workloadId: string }) {
  const go = useNavigation((s) => s.go);
  const admin = useIsAdmin();
  if (!admin) return null;
  return (
    <button type="button" className="btn" onClick={() => go('admin', 'reconcile', workloadId)}>
      Reconcile…
    </button>
  );
}

function ReconciliationState({ workload: w }: { workload: Workload }) {
  if (w.reconciled_at) {
    const outcome = w.actual_credits ? reconciliationOutcome(w.estimate_credits, w.actual_credits) : null;
    return (
      <>
        Reconciled {formatTime(w.reconciled_at)}
        {outcome && outcome.kind !== 'none' ? ` (${outcome.kind} of ${outcome.amount})` : ''}
      </>
    );
  }
  if (TERMINAL.has(w.status)) return <Badge status="pending" label="awaiting reconciliation" />;
  return <span className="muted">after it finishes</span>;
}

function Timeline({ workload: w }: { workload: Workload }) {
  const reached = new Map(w.events.map((e) => [e.status, e]));
  const terminalEvent = w.events.find((e) => TERMINAL.has(e.status));
  const steps: { status: string; label: string }[] = [
    ...STEPS.map((s) => ({ status: s, label: s })),
    { status: terminalEvent?.status ?? 'terminal', label: terminalEvent?.status ?? 'finished' },
  ];
  return (
    <ol className="timeline" aria-label="Status timeline">
      {steps.map((step) => {
        const event = reached.get(step.status as Workload['status']);
        const current = w.status === step.status;
        return (
          <li key={step.label} className={event ? (current ? 'is-current' : 'is-done') : 'is-todo'}>
            <span className="timeline-dot" aria-hidden="true" />
            <span className="timeline-label">{step.label}</span>
            <span className="timeline-time num">{event ? formatTime(event.at) : current ? 'now' : '—'}</span>
            {event?.message ? <span className="timeline-msg">{event.message}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}

import { isTerminalWorkloadStatus, type WorkloadStatus } from '../../shared/api';
import { formatCredits } from '../../shared/money';
import type { StatementCache } from '../store/db';
import type { Ctx } from './context';
import { ApiError } from './errors';
import { formatId } from './ids';
import type { TenantRow, TransactionRow, WorkloadRow } from './repo';

/**
 * Workloads are simulated: their cost estimate, outcome and run time are pure
 * functions of the source URL (scheme, host and path; the query string is
 * ignored), so the same URL always behaves the same in tests and demos.
 */

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export interface WorkloadProfile {
  /** Estimate in units: 5 credits for a script, 12 for a notebook, plus up to 20 credits by URL hash. */
  estimate: bigint;
  outcome: 'succeeded' | 'failed';
  /** How long the `running` phase lasts: 60–299 s. */
  runMs: number;
  fileName: string;
}

export function workloadProfile(sourceUrl: string): WorkloadProfile {
  const url = new URL(sourceUrl);
  const key = `${url.protocol}//${url.host.toLowerCase()}${url.pathname}`;
  const hash = fnv1a(key);
  const notebook = url.pathname.toLowerCase().endsWith('.ipynb');
  const fileName = decodeURIComponent(url.pathname.split('/').pop() ?? 'workload') || 'workload';
  const estimate = (notebook ? 120_000n : 50_000n) + BigInt(hash % 200_000);
  // A file name containing "fail" always fails, so demos and tests can pick the outcome.
  const fails = /fail/i.test(fileName) || (hash >>> 8) % 10 === 0;
  return {
    estimate,
    outcome: fails ? 'failed' : 'succeeded',
    runMs: (60 + ((hash >>> 4) % 240)) * 1000,
    fileName,
  };
}

/** Time spent in each pre-terminal status before moving on. */
const phaseMs: Record<'queued' | 'fetching' | 'instrumenting', number> = {
  queued: 5_000,
  fetching: 10_000,
  instrumenting: 20_000,
};
const nextStatus: Record<'queued' | 'fetching' | 'instrumenting' | 'running', WorkloadStatus> = {
  queued: 'fetching',
  fetching: 'instrumenting',
  instrumenting: 'running',
  running: 'succeeded',
};

function messageFor(status: WorkloadStatus, row: WorkloadRow): string {
  switch (status) {
    case 'queued':
      return `Accepted; ${formatCredits(row.estimate)} credits reserved.`;
    case 'fetching':
      return `Fetching source from ${new URL(row.source_url).host}.`;
    case 'instrumenting':
      return 'Instrumenting the code for usage tracking.';
    case 'running':
      return 'Running on the cluster.';
    case 'succeeded':
      return 'Run finished successfully.';
    case 'failed':
      return 'Run failed: the process exited with status 1.';
    case 'cancelled':
      return 'Cancelled.';
  }
}

function addEvent(
  sql: StatementCache,
  workloadN: bigint,
  status: WorkloadStatus,
  at: number,
  message: string,
): void {
  sql
    .get('INSERT INTO workload_events (workload_n, status, at, message) VALUES (?,?,?,?)')
    .run(workloadN, status, at, message);
}

/**
 * Materialises every status change due by `now`, each at the instant it was
 * due (not when someone looked), so history does not depend on who polls.
 * Runs at the start of every request; with nothing due it is one index probe.
 */
export function advanceWorkloads(sql: StatementCache, now: number): void {
  for (;;) {
    const due = sql
      .get(
        'SELECT * FROM workloads WHERE next_transition_at IS NOT NULL AND next_transition_at <= ? ORDER BY next_transition_at, n LIMIT 500',
      )
      .all(now) as WorkloadRow[];
    if (due.length === 0) return;
    for (const row of due) {
      let status = row.status;
      let at = Number(row.next_transition_at);
      let next: number | null = at;
      while (next !== null && next <= now && !isTerminalWorkloadStatus(status)) {
        at = next;
        const from = status as keyof typeof nextStatus;
        status = from === 'running' ? row.outcome : (nextStatus[from] ?? 'failed');
        addEvent(sql, row.n, status, at, messageFor(status, row));
        next = isTerminalWorkloadStatus(status)
          ? null
          : at + (status === 'running' ? Number(row.run_ms) : phaseMs[status as keyof typeof phaseMs]);
      }
      sql
        .get('UPDATE workloads SET status = ?, next_transition_at = ?, updated_at = ? WHERE n = ?')
        .run(status, next, at, row.n);
    }
  }
}

export function createWorkload(
  ctx: Ctx,
  tenant: TenantRow,
  sourceUrl: string,
  name: string | undefined,
): { workload: WorkloadRow; transaction: TransactionRow } {
  if (tenant.status !== 'active') {
    throw new ApiError(
      'tenant_not_active',
      `Tenant ${formatId('tenant', tenant.n)} is ${tenant.status}; workloads need an active tenant.`,
    );
  }
  const profile = workloadProfile(sourceUrl);
  if (tenant.balance < profile.estimate) {
    throw new ApiError(
      'insufficient_credits',
      `The estimate is ${formatCredits(profile.estimate)} credits but the balance is ${formatCredits(tenant.balance)}.`,
    );
  }
  const workloadName = name !== undefined && name.trim().length > 0 ? name : profile.fileName;
  const info = ctx.sql
    .get(
      `INSERT INTO workloads (tenant_n, name, source_url, status, estimate, outcome, run_ms, next_transition_at, created_at, updated_at)
       VALUES (?,?,?,?,?,?,?,?,?,?)`,
    )
    .run(
      tenant.n,
      workloadName,
      sourceUrl,
      'queued',
      profile.estimate,
      profile.outcome,
      profile.runMs,
      ctx.now + phaseMs.queued,
      ctx.now,
      ctx.now,
    );
  const workloadN = BigInt(info.lastInsertRowid);
  const workload = ctx.repo.workload(workloadN);
  if (!workload) throw new Error('inserted workload not found');
  addEvent(ctx.sql, workloadN, 'queued', ctx.now, messageFor('queued', workload));
  const id = formatId('workload', workloadN);
  ctx.transition('workload', id, tenant.n, 'status', null, 'queued');
  const transaction = ctx.appendTransaction({
    tenantN: tenant.n,
    type: 'reservation',
    amount: -profile.estimate,
    reason: `Reservation for workload ${id} (${workloadName})`,
    workloadN,
  });
  return { workload, transaction };
}

export function cancelWorkload(ctx: Ctx, workload: WorkloadRow): void {
  if (isTerminalWorkloadStatus(workload.status)) {
    throw new ApiError(
      'workload_terminal',
      `Workload ${formatId('workload', workload.n)} already ${workload.status}.`,
    );
  }
  ctx.sql
    .get("UPDATE workloads SET status = 'cancelled', next_transition_at = NULL, updated_at = ? WHERE n = ?")
    .run(ctx.now, workload.n);
  addEvent(ctx.sql, workload.n, 'cancelled', ctx.now, `Cancelled by ${ctx.actor.id}.`);
  ctx.transition(
    'workload',
    formatId('workload', workload.n),
    workload.tenant_n,
    'status',
    workload.status,
    'cancelled',
  );
}

/**
 * Settles a finished workload's reservation against what it really cost:
 * charge the excess, refund the unused part (at most the whole estimate, since
 * actual ≥ 0), or just mark it reconciled when they are equal.
 */
export function reconcileWorkload(ctx: Ctx, workload: WorkloadRow, actual: bigint): TransactionRow | null {
  const id = formatId('workload', workload.n);
  if (!isTerminalWorkloadStatus(workload.status)) {
    throw new ApiError(
      'workload_not_terminal',
      `Workload ${id} is ${workload.status}; reconcile it once it has finished.`,
    );
  }
  if (workload.reconciled_at !== null)
    throw new ApiError('already_reconciled', `Workload ${id} was already reconciled.`);
  ctx.sql
    .get('UPDATE workloads SET actual = ?, reconciled_at = ?, updated_at = ? WHERE n = ?')
    .run(actual, ctx.now, ctx.now, workload.n);
  ctx.transition('workload', id, workload.tenant_n, 'reconciled', 'false', 'true');
  const difference = actual - workload.estimate;
  if (difference === 0n) return null;
  const charge = difference > 0n;
  return ctx.appendTransaction({
    tenantN: workload.tenant_n,
    type: charge ? 'reconciliation_charge' : 'reconciliation_refund',
    amount: -difference,
    reason: `Reconciliation of ${id}: actual ${formatCredits(actual)} vs estimate ${formatCredits(workload.estimate)}`,
    workloadN: workload.n,
  });
}

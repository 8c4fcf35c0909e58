import type {
  Endpoint,
  EndpointStatus,
  Tenant,
  TenantStatus,
  Transaction,
  TransactionType,
  Wallet,
  Workload,
  WorkloadEvent,
  WorkloadStatus,
} from '../../shared/api';
import { formatCredits } from '../../shared/money';
import type { StatementCache } from '../store/db';
import { iso } from './clock';
import { formatId } from './ids';

/** Rows as better-sqlite3 returns them with safe integers on: every INTEGER is a bigint. */
export interface TenantRow {
  n: bigint;
  name: string;
  status: TenantStatus;
  plan: string | null;
  monthly_credits: bigint | null;
  last_replenished_period: string | null;
  balance: bigint;
  version: bigint;
  reserved: bigint;
  created_at: bigint;
  updated_at: bigint;
}
export interface TransactionRow {
  n: bigint;
  tenant_n: bigint;
  seq: bigint;
  type: TransactionType;
  amount: bigint;
  balance_after: bigint;
  reason: string;
  actor: string;
  workload_n: bigint | null;
  endpoint_n: bigint | null;
  window_start: bigint | null;
  window_end: bigint | null;
  idempotency_key: string | null;
  created_at: bigint;
}
export interface WorkloadRow {
  n: bigint;
  tenant_n: bigint;
  name: string;
  source_url: string;
  status: WorkloadStatus;
  estimate: bigint;
  actual: bigint | null;
  reconciled_at: bigint | null;
  outcome: 'succeeded' | 'failed';
  run_ms: bigint;
  next_transition_at: bigint | null;
  created_at: bigint;
  updated_at: bigint;
}
export interface EndpointRow {
  n: bigint;
  tenant_n: bigint;
  name: string;
  status: EndpointStatus;
  rate_per_hour: bigint;
  metering_anchor: bigint;
  last_metered_at: bigint;
  grace_expires_at: bigint | null;
  created_at: bigint;
  updated_at: bigint;
}

/** Reserved credits: estimates of workloads not yet reconciled (their reservations are still open). */
export const TENANT_SELECT = `SELECT t.*, (SELECT COALESCE(SUM(w.estimate), 0) FROM workloads w
  WHERE w.tenant_n = t.n AND w.reconciled_at IS NULL) AS reserved FROM tenants t`;

export function walletOf(row: TenantRow): Wallet {
  return {
    balance: formatCredits(row.balance),
    reserved: formatCredits(row.reserved),
    version: Number(row.version),
  };
}

export function toTenant(row: TenantRow): Tenant {
  return {
    id: formatId('tenant', row.n),
    name: row.name,
    status: row.status,
    plan: row.plan,
    monthly_credits: row.monthly_credits === null ? null : formatCredits(row.monthly_credits),
    last_replenished_period: row.last_replenished_period,
    wallet: walletOf(row),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

export function toTransaction(row: TransactionRow): Transaction {
  return {
    id: formatId('transaction', row.n),
    tenant_id: formatId('tenant', row.tenant_n),
    seq: Number(row.seq),
    type: row.type,
    amount: formatCredits(row.amount),
    balance_after: formatCredits(row.balance_after),
    reason: row.reason,
    actor: row.actor,
    workload_id: row.workload_n === null ? null : formatId('workload', row.workload_n),
    endpoint_id: row.endpoint_n === null ? null : formatId('endpoint', row.endpoint_n),
    window_start: row.window_start === null ? null : iso(row.window_start),
    window_end: row.window_end === null ? null : iso(row.window_end),
    idempotency_key: row.idempotency_key,
    created_at: iso(row.created_at),
  };
}

export function toWorkload(row: WorkloadRow, events: WorkloadEvent[]): Workload {
  return {
    id: formatId('workload', row.n),
    tenant_id: formatId('tenant', row.tenant_n),
    name: row.name,
    source_url: row.source_url,
    status: row.status,
    estimate_credits: formatCredits(row.estimate),
    actual_credits: row.actual === null ? null : formatCredits(row.actual),
    reconciled_at: row.reconciled_at === null ? null : iso(row.reconciled_at),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    events,
  };
}

export function toEndpoint(row: EndpointRow): Endpoint {
  return {
    id: formatId('endpoint', row.n),
    tenant_id: formatId('tenant', row.tenant_n),
    name: row.name,
    status: row.status,
    rate_per_hour: formatCredits(row.rate_per_hour),
    last_metered_at: iso(row.last_metered_at),
    grace_expires_at: row.grace_expires_at === null ? null : iso(row.grace_expires_at),
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

/** Reads shared by handlers and domain operations. */
export class Repo {
  constructor(readonly sql: StatementCache) {}

  tenant(n: bigint): TenantRow | undefined {
    return this.sql.get(`${TENANT_SELECT} WHERE t.n = ?`).get(n) as TenantRow | undefined;
  }
  workload(n: bigint): WorkloadRow | undefined {
    return this.sql.get('SELECT * FROM workloads WHERE n = ?').get(n) as WorkloadRow | undefined;
  }
  endpoint(n: bigint): EndpointRow | undefined {
    return this.sql.get('SELECT * FROM endpoints WHERE n = ?').get(n) as EndpointRow | undefined;
  }
  transaction(n: bigint): TransactionRow | undefined {
    return this.sql.get('SELECT * FROM transactions WHERE n = ?').get(n) as TransactionRow | undefined;
  }
  workloadEvents(workloadNs: readonly bigint[]): Map<bigint, WorkloadEvent[]> {
    const byWorkload = new Map<bigint, WorkloadEvent[]>();
    if (workloadNs.length === 0) return byWorkload;
    const rows = this.sql
      .get(
        'SELECT workload_n, status, at, message FROM workload_events WHERE workload_n IN (SELECT value FROM json_each(?)) ORDER BY n',
      )
      .all(JSON.stringify(workloadNs.map(Number))) as {
      workload_n: bigint;
      status: WorkloadStatus;
      at: bigint;
      message: string;
    }[];
    for (const row of rows) {
      const list = byWorkload.get(row.workload_n) ?? [];
      list.push({ status: row.status, at: iso(row.at), message: row.message });
      byWorkload.set(row.workload_n, list);
    }
    return byWorkload;
  }
  workloadsWithEvents(rows: readonly WorkloadRow[]): Workload[] {
    const events = this.workloadEvents(rows.map((r) => r.n));
    return rows.map((row) => toWorkload(row, events.get(row.n) ?? []));
  }
}

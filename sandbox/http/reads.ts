import type { z } from 'zod';
import type {
  AdminEndpointListQuery,
  AdminTransactionListQuery,
  AdminWorkloadListQuery,
  AuditEntry,
  AuditListQuery,
  Endpoint,
  Tenant,
  TenantListQuery,
  Transaction,
  Workload,
} from '../../shared/api';
import { iso } from '../domain/clock';
import { ApiError } from '../domain/errors';
import { formatId, parseId } from '../domain/ids';
import {
  type EndpointRow,
  type Repo,
  TENANT_SELECT,
  type TenantRow,
  type TransactionRow,
  toEndpoint,
  toTenant,
  toTransaction,
  type WorkloadRow,
} from '../domain/repo';
import { cursorInt, decodeCursor, type PageResult, toPage } from './paging';

/** Loads a row by public id or answers 404: malformed ids are just ids that name nothing. */
export function mustFind<T>(
  kind: 'tenant' | 'workload' | 'endpoint',
  id: string,
  load: (n: bigint) => T | undefined,
): T {
  const n = parseId(kind, id);
  const row = n === null ? undefined : load(n);
  if (row === undefined) throw new ApiError('not_found', `No ${kind} with id ${JSON.stringify(id)}.`);
  return row;
}

class Where {
  readonly clauses: string[] = [];
  readonly args: unknown[] = [];
  add(clause: string, ...args: unknown[]): this {
    this.clauses.push(clause);
    this.args.push(...args);
    return this;
  }
  sql(): string {
    return this.clauses.length > 0 ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

/** A filter by a tenant id that names no tenant matches nothing (admin views answer an empty page, not 404). */
function tenantFilter(where: Where, column: string, tenantId: string | undefined): void {
  if (tenantId === undefined) return;
  where.add(`${column} = ?`, parseId('tenant', tenantId) ?? -1n);
}

function timeFilter(
  where: Where,
  column: string,
  since: string | undefined,
  until: string | undefined,
): void {
  if (since !== undefined) where.add(`${column} >= ?`, Date.parse(since));
  if (until !== undefined) where.add(`${column} < ?`, Date.parse(until));
}

export function listTenants(repo: Repo, query: z.output<typeof TenantListQuery>): PageResult<Tenant> {
  const where = new Where();
  if (query.status !== undefined) where.add('t.status = ?', query.status);
  if (query.q !== undefined && query.q.trim() !== '') {
    const q = query.q.trim().toLowerCase();
    where.add(`(instr(lower(t.name), ?) > 0 OR printf('ten_%06d', t.n) = ?)`, q, q);
  }
  const key = decodeCursor('tenants', query.cursor, 2);
  if (key) where.add('(t.name, t.n) > (?, ?)', key[0], cursorInt(key[1]));
  const rows = repo.sql
    .get(`${TENANT_SELECT} ${where.sql()} ORDER BY t.name, t.n LIMIT ?`)
    .all(...where.args, query.limit + 1) as TenantRow[];
  return toPage(
    rows,
    query.limit,
    'tenants',
    (r) => [r.name, r.n],
    (rs) => rs.map(toTenant),
  );
}

export function listTransactions(
  repo: Repo,
  query: z.output<typeof AdminTransactionListQuery>,
  tenantN: bigint | null,
): PageResult<Transaction> {
  const where = new Where();
  // Per tenant the ledger order is seq; across tenants it is the global row number. Both only grow.
  const perTenant = tenantN !== null;
  if (perTenant) where.add('tenant_n = ?', tenantN);
  else tenantFilter(where, 'tenant_n', query.tenant_id);
  if (query.type !== undefined) where.add('type = ?', query.type);
  if (query.actor !== undefined) where.add('actor = ?', query.actor);
  timeFilter(where, 'created_at', query.since, query.until);
  if (query.q !== undefined && query.q.trim() !== '') {
    const q = query.q.trim();
    where.add('(instr(lower(reason), ?) > 0 OR n = ?)', q.toLowerCase(), parseId('transaction', q) ?? -1n);
  }
  if (query.after_seq !== undefined) where.add('seq > ?', query.after_seq);
  const list = perTenant ? 'tenant-transactions' : 'transactions';
  const key = decodeCursor(list, query.cursor, 1);
  const order = perTenant ? 'seq' : 'n';
  if (key) where.add(`${order} < ?`, cursorInt(key[0]));
  const rows = repo.sql
    .get(`SELECT * FROM transactions ${where.sql()} ORDER BY ${order} DESC LIMIT ?`)
    .all(...where.args, query.limit + 1) as TransactionRow[];
  return toPage(
    rows,
    query.limit,
    list,
    (r) => [perTenant ? r.seq : r.n],
    (rs) => rs.map(toTransaction),
  );
}

export function listWorkloads(
  repo: Repo,
  query: z.output<typeof AdminWorkloadListQuery>,
  tenantN: bigint | null,
): PageResult<Workload> {
  const where = new Where();
  if (tenantN !== null) where.add('tenant_n = ?', tenantN);
  else tenantFilter(where, 'tenant_n', query.tenant_id);
  if (query.status !== undefined) where.add('status = ?', query.status);
  if (query.reconciled !== undefined)
    where.add(query.reconciled === 'true' ? 'reconciled_at IS NOT NULL' : 'reconciled_at IS NULL');
  if (query.terminal !== undefined) {
    where.add(`status ${query.terminal === 'true' ? 'IN' : 'NOT IN'} ('succeeded', 'failed', 'cancelled')`);
  }
  if (query.q !== undefined && query.q.trim() !== '') {
    const q = query.q.trim();
    where.add(
      '(instr(lower(name), ?) > 0 OR instr(lower(source_url), ?) > 0 OR n = ?)',
      q.toLowerCase(),
      q.toLowerCase(),
      parseId('workload', q) ?? -1n,
    );
  }
  const key = decodeCursor('workloads', query.cursor, 1);
  if (key) where.add('n < ?', cursorInt(key[0]));
  const rows = repo.sql
    .get(`SELECT * FROM workloads ${where.sql()} ORDER BY n DESC LIMIT ?`)
    .all(...where.args, query.limit + 1) as WorkloadRow[];
  return toPage(
    rows,
    query.limit,
    'workloads',
    (r) => [r.n],
    (rs) => repo.workloadsWithEvents(rs),
  );
}

export function listEndpoints(
  repo: Repo,
  query: z.output<typeof AdminEndpointListQuery>,
  tenantN: bigint | null,
): PageResult<Endpoint> {
  const where = new Where();
  if (tenantN !== null) where.add('tenant_n = ?', tenantN);
  else tenantFilter(where, 'tenant_n', query.tenant_id);
  if (query.status !== undefined) where.add('status = ?', query.status);
  const key = decodeCursor('endpoints', query.cursor, 1);
  if (key) where.add('n > ?', cursorInt(key[0]));
  const rows = repo.sql
    .get(`SELECT * FROM endpoints ${where.sql()} ORDER BY n LIMIT ?`)
    .all(...where.args, query.limit + 1) as EndpointRow[];
  return toPage(
    rows,
    query.limit,
    'endpoints',
    (r) => [r.n],
    (rs) => rs.map(toEndpoint),
  );
}

interface AuditRow {
  n: bigint;
  at: bigint;
  actor: string;
  actor_role: AuditEntry['actor_role'];
  action: string;
  tenant_n: bigint | null;
  target_id: string | null;
  method: string;
  path: string;
  request_body: string;
  idempotency_key: string | null;
  result: string;
}

export function listAudit(repo: Repo, query: z.output<typeof AuditListQuery>): PageResult<AuditEntry> {
  const where = new Where();
  tenantFilter(where, 'tenant_n', query.tenant_id);
  if (query.actor !== undefined) where.add('actor = ?', query.actor);
  if (query.action !== undefined) where.add('action = ?', query.action);
  timeFilter(where, 'at', query.since, query.until);
  const key = decodeCursor('audit', query.cursor, 1);
  if (key) where.add('n < ?', cursorInt(key[0]));
  const rows = repo.sql
    .get(`SELECT * FROM audit ${where.sql()} ORDER BY n DESC LIMIT ?`)
    .all(...where.args, query.limit + 1) as AuditRow[];
  return toPage(
    rows,
    query.limit,
    'audit',
    (r) => [r.n],
    (rs) =>
      rs.map((r) => ({
        id: formatId('audit', r.n),
        at: iso(r.at),
        actor: r.actor,
        actor_role: r.actor_role,
        action: r.action,
        tenant_id: r.tenant_n === null ? null : formatId('tenant', r.tenant_n),
        target_id: r.target_id,
        method: r.method,
        path: r.path,
        request_body: JSON.parse(r.request_body) as unknown,
        idempotency_key: r.idempotency_key,
        result: JSON.parse(r.result) as AuditEntry['result'],
      })),
  );
}

import type { PinSource } from '../../../../main/core/offline/pin-service';
import type {
  AuditEntry,
  Endpoint,
  Page,
  Tenant,
  Transaction,
  Workload,
} from '../../../../shared/api/schemas';
import { auditEntry, endpoint, ledger, tenant, transaction, workload } from '../../cache/support/fakes';

/**
 * An in-memory backend with the real paging rules (newest first, keyset
 * cursors on seq) behind the PinSource interface. It also plays the API
 * client's part of holding a bearer token, which must never reach the cache.
 */
export class FakeBackend implements PinSource {
  readonly requests: string[] = [];
  rows: Transaction[];
  workloads: Workload[];
  endpoints: Endpoint[];
  audit: AuditEntry[] = [];
  auditForbidden = false;
  /** Called before every request; a test aborts or fails here. */
  beforeRequest: (what: string) => void = () => {};

  constructor(
    readonly tenantId: string,
    readonly name: string,
    count: number,
    readonly token: string,
    readonly pageSize = 100,
  ) {
    this.rows = ledger(tenantId, count, (seq) => `reason ${seq} for ${name}`);
    this.workloads = [workload(tenantId, 1), workload(tenantId, 2)];
    this.endpoints = [endpoint(tenantId, 1)];
    this.audit = [auditEntry(tenantId, 1)];
  }

  append(n: number): void {
    const top = this.rows[0]?.seq ?? 0;
    for (let i = 1; i <= n; i++)
      this.rows.unshift(transaction(this.tenantId, top + i, `new ${top + i} for ${this.name}`));
  }

  private authorised(what: string, signal: AbortSignal): void {
    if (signal.aborted) throw new Error('aborted');
    // What a real client would send; kept here so the test can prove it is never cached.
    void `Bearer ${this.token}`;
    this.requests.push(what);
    this.beforeRequest(what);
    if (signal.aborted) throw new Error('aborted'); // like fetch: an abort rejects the request in flight
  }

  async getTenant(_id: string, signal: AbortSignal): Promise<Tenant> {
    this.authorised('tenant', signal);
    return tenant(this.tenantId, this.name, this.rows.length);
  }

  async listTransactions(
    _id: string,
    cursor: string | null,
    signal: AbortSignal,
  ): Promise<Page<Transaction>> {
    this.authorised(`tx ${cursor ?? 'top'}`, signal);
    const below = cursor === null ? Number.POSITIVE_INFINITY : Number(cursor);
    const rows = this.rows.filter((t) => t.seq < below).slice(0, this.pageSize + 1);
    const kept = rows.slice(0, this.pageSize);
    const last = kept[kept.length - 1];
    return { data: kept, next_cursor: rows.length > this.pageSize && last ? String(last.seq) : null };
  }

  async listWorkloads(_id: string, cursor: string | null, signal: AbortSignal): Promise<Page<Workload>> {
    this.authorised(`workloads ${cursor ?? 'top'}`, signal);
    return { data: this.workloads, next_cursor: null };
  }

  async listEndpoints(_id: string, cursor: string | null, signal: AbortSignal): Promise<Page<Endpoint>> {
    this.authorised(`endpoints ${cursor ?? 'top'}`, signal);
    return { data: this.endpoints, next_cursor: null };
  }

  async listAudit(_id: string, cursor: string | null, signal: AbortSignal): Promise<Page<AuditEntry>> {
    this.authorised(`audit ${cursor ?? 'top'}`, signal);
    if (this.auditForbidden)
      throw { detail: { code: 'forbidden', message: 'admin only', status: 403, retryable: false } };
    return { data: this.audit, next_cursor: null };
  }
}

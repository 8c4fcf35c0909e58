import type { Database, SqlValue } from 'sql.js';
import type { AuditEntry, Endpoint, Page, Tenant, Transaction, Workload } from '../../../shared/api/schemas';
import { decodeCacheCursor, encodeCacheCursor } from './cursor';

/** Filters of the cached views; the same names and meaning as the bridge's online channels. */
export interface TransactionFilter {
  type?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  /** Case-insensitive substring of the transaction id or reason. */
  q?: string | undefined;
  actor?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}
export interface WorkloadFilter {
  status?: string | undefined;
  reconciled?: boolean | 'true' | 'false' | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}
export interface EndpointFilter {
  status?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}
export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/** What the pin service needs to know to resume and to refresh (kept in the same file as the rows). */
export interface LedgerCoverage {
  /** Every seq in [lowSeq, highSeq] is cached; null before the first pinned page. */
  highSeq: number | null;
  lowSeq: number | null;
  /** Backend cursor continuing below lowSeq; null when the walk reached seq 1 or never started. */
  tailCursor: string | null;
  complete: boolean;
}

const DEFAULT_LIMIT = 50;
const TX_COLUMNS =
  'seq, id, type, amount, balance_after, reason, actor, workload_id, endpoint_id, window_start, window_end, idempotency_key, created_at';

type Row = SqlValue[];

function str(value: SqlValue | undefined): string {
  return typeof value === 'string' ? value : String(value ?? '');
}
function strOrNull(value: SqlValue | undefined): string | null {
  return value === null || value === undefined ? null : str(value);
}

/** Same stored values: what sql.js reads back is what it was given (text, integer or null here). */
function sameRow(stored: Row, next: SqlValue[]): boolean {
  if (stored.length !== next.length) return false;
  for (let i = 0; i < next.length; i++) if (stored[i] !== (next[i] ?? null)) return false;
  return true;
}

function page<T>(rows: T[], limit: number, list: string, keyOf: (row: T) => (string | number)[]): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return {
    data: kept,
    next_cursor: more && last !== undefined ? encodeCacheCursor(list, keyOf(last)) : null,
  };
}

/** Builds a WHERE clause from optional conditions, keeping values as bound parameters. */
class Where {
  private readonly parts: string[] = [];
  readonly params: SqlValue[] = [];
  add(sql: string, ...values: SqlValue[]): void {
    this.parts.push(sql);
    this.params.push(...values);
  }
  sql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/**
 * One tenant's cached data in an in-memory sql.js database. Synchronous on
 * purpose: sql.js is, and every call finishes before any other JavaScript
 * runs, so a page read can never see half of a write.
 */
export class TenantDb {
  constructor(
    readonly db: Database,
    readonly tenantId: string,
  ) {}

  private all(sql: string, params: SqlValue[] = []): Row[] {
    const stmt = this.db.prepare(sql);
    try {
      stmt.bind(params);
      const rows: Row[] = [];
      while (stmt.step()) rows.push(stmt.get());
      return rows;
    } finally {
      stmt.free();
    }
  }

  private inTransaction(run: () => void): void {
    this.db.exec('BEGIN');
    try {
      run();
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  private upsert<T>(sql: string, items: readonly T[], values: (item: T) => SqlValue[]): void {
    if (items.length === 0) return;
    this.inTransaction(() => {
      const stmt = this.db.prepare(sql);
      try {
        for (const item of items) stmt.run(values(item));
      } finally {
        stmt.free();
      }
    });
  }

  // ------------------------------------------------------------ meta

  getMeta(key: string): string | null {
    const row = this.all('SELECT value FROM meta WHERE key = ?', [key])[0];
    return row ? str(row[0]) : null;
  }

  setMeta(entries: Record<string, string | null>): void {
    this.inTransaction(() => {
      for (const [key, value] of Object.entries(entries)) {
        if (value === null) this.db.run('DELETE FROM meta WHERE key = ?', [key]);
        else
          this.db.run(
            'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
            [key, value],
          );
      }
    });
  }

  coverage(): LedgerCoverage {
    const raw = this.getMeta('ledger_coverage');
    if (!raw) return { highSeq: null, lowSeq: null, tailCursor: null, complete: false };
    return JSON.parse(raw) as LedgerCoverage;
  }

  setCoverage(coverage: LedgerCoverage): void {
    this.setMeta({ ledger_coverage: JSON.stringify(coverage) });
  }

  /**
   * Records an unfiltered ledger page (consecutive seqs, newest first) and
   * grows the contiguous range it touches. Seqs are dense per tenant
   * (1…wallet.version), so "every seq between low and high is cached" is a
   * row count, and a page whose lowest row is the range's bottom tells us the
   * backend cursor that continues just below it.
   */
  recordLedgerPage(
    rows: readonly Transaction[],
    nextCursor: string | null,
    fromTop: boolean,
  ): LedgerCoverage {
    this.putTransactions(rows);
    const cov = this.coverage();
    const seqs = rows.map((t) => t.seq);
    const top = seqs.length ? Math.max(...seqs) : null;
    const bottom = seqs.length ? Math.min(...seqs) : null;
    if (cov.highSeq === null || cov.lowSeq === null) {
      if (!fromTop) return cov;
      if (top === null || bottom === null) {
        // An empty ledger, read from the top: nothing to cache, and nothing missing.
        const empty: LedgerCoverage = {
          highSeq: null,
          lowSeq: null,
          tailCursor: null,
          complete: nextCursor === null,
        };
        this.setCoverage(empty);
        return empty;
      }
      cov.highSeq = top;
      cov.lowSeq = bottom;
      cov.tailCursor = nextCursor;
    }
    cov.highSeq = this.grow(cov.highSeq ?? 0, 1);
    const low = this.grow(cov.lowSeq ?? 0, -1);
    if (bottom !== null && bottom === low) cov.tailCursor = nextCursor;
    else if (low !== cov.lowSeq) cov.tailCursor = null; // grew through rows from elsewhere: cursor unknown
    cov.lowSeq = low;
    cov.complete = low === 1 || (bottom === low && nextCursor === null);
    if (cov.complete) cov.tailCursor = null;
    this.setCoverage(cov);
    return cov;
  }

  /** Walks from `from` in `step` direction while the next seq is cached. */
  private grow(from: number, step: 1 | -1): number {
    const sql =
      step === 1
        ? 'SELECT seq FROM transactions WHERE seq > ? ORDER BY seq LIMIT 100000'
        : 'SELECT seq FROM transactions WHERE seq < ? ORDER BY seq DESC LIMIT 100000';
    let edge = from;
    const stmt = this.db.prepare(sql);
    try {
      stmt.bind([from]);
      while (stmt.step()) {
        const seq = Number(stmt.get()[0]);
        if (seq !== edge + step) break;
        edge = seq;
      }
    } finally {
      stmt.free();
    }
    return edge;
  }

  tenant(): Tenant | null {
    const raw = this.getMeta('tenant');
    return raw ? (JSON.parse(raw) as Tenant) : null;
  }

  // ------------------------------------------------------------ writes

  putTenant(tenant: Tenant): void {
    this.setMeta({ tenant: JSON.stringify(tenant) });
  }

  /**
   * Upserts ledger rows. Rows already cached with exactly the same values are
   * skipped: the ledger is append-only, so re-reading a page (a second scroll,
   * a refresh) would otherwise delete and re-insert every row in four B-trees
   * for nothing. The end state is the same as INSERT OR REPLACE of every row.
   */
  putTransactions(rows: readonly Transaction[]): void {
    if (rows.length === 0) return;
    const values = (t: Transaction): SqlValue[] => [
      t.seq,
      t.id,
      t.type,
      t.amount,
      t.balance_after,
      t.reason,
      t.actor,
      t.workload_id,
      t.endpoint_id,
      t.window_start,
      t.window_end,
      t.idempotency_key,
      t.created_at,
    ];
    let low = rows[0]?.seq ?? 0;
    let high = low;
    for (const t of rows) {
      if (t.seq < low) low = t.seq;
      if (t.seq > high) high = t.seq;
    }
    this.inTransaction(() => {
      const cached = new Map<number, Row>();
      // One range read by rowid, for a page of (nearly) consecutive seqs; a sparse page (filtered) is
      // written as before rather than reading every row between its ends.
      if (high - low < rows.length * 2)
        for (const row of this.all(`SELECT ${TX_COLUMNS} FROM transactions WHERE seq BETWEEN ? AND ?`, [
          low,
          high,
        ]))
          cached.set(Number(row[0]), row);
      const stmt = this.db.prepare(
        `INSERT OR REPLACE INTO transactions (${TX_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      );
      try {
        for (const t of rows) {
          const next = values(t);
          const have = cached.get(t.seq);
          if (have && sameRow(have, next)) continue;
          stmt.run(next);
          // A duplicate seq later in the same batch must be compared with what was just written.
          cached.set(t.seq, next);
        }
      } finally {
        stmt.free();
      }
    });
  }

  putWorkloads(rows: readonly Workload[]): void {
    this.upsert(
      'INSERT OR REPLACE INTO workloads (id, status, reconciled, created_at, json) VALUES (?,?,?,?,?)',
      rows,
      (w) => [w.id, w.status, w.reconciled_at === null ? 0 : 1, w.created_at, JSON.stringify(w)],
    );
  }

  putEndpoints(rows: readonly Endpoint[]): void {
    this.upsert(
      'INSERT OR REPLACE INTO endpoints (id, status, created_at, json) VALUES (?,?,?,?)',
      rows,
      (e) => [e.id, e.status, e.created_at, JSON.stringify(e)],
    );
  }

  putAudit(rows: readonly AuditEntry[]): void {
    this.upsert(
      'INSERT OR REPLACE INTO audit (id, at, actor, action, json) VALUES (?,?,?,?,?)',
      rows,
      (a) => [a.id, a.at, a.actor, a.action, JSON.stringify(a)],
    );
  }

  // ------------------------------------------------------------ reads

  transactionCount(): number {
    return Number(this.all('SELECT count(*) FROM transactions')[0]?.[0] ?? 0);
  }

  /** Newest first by seq, like the backend's tenant ledger. */
  transactions(filter: TransactionFilter): Page<Transaction> {
    const limit = filter.limit ?? DEFAULT_LIMIT;
    const where = new Where();
    const after = decodeCacheCursor('tx', filter.cursor, 1);
    if (after) where.add('seq < ?', Number(after[0]));
    if (filter.type) where.add('type = ?', filter.type);
    if (filter.since) where.add('created_at >= ?', normaliseInstant(filter.since));
    if (filter.until) where.add('created_at < ?', normaliseInstant(filter.until));
    if (filter.actor) where.add('actor = ?', filter.actor);
    if (filter.q) {
      const needle = filter.q.toLowerCase();
      where.add('(instr(lower(id), ?) > 0 OR instr(lower(reason), ?) > 0)', needle, needle);
    }
    const rows = this.all(`SELECT ${TX_COLUMNS} FROM transactions ${where.sql()} ORDER BY seq DESC LIMIT ?`, [
      ...where.params,
      limit + 1,
    ]);
    const tenantId = this.tenantId;
    const items = rows.map(
      (r): Transaction => ({
        id: str(r[1]),
        tenant_id: tenantId,
        seq: Number(r[0]),
        type: str(r[2]) as Transaction['type'],
        amount: str(r[3]),
        balance_after: str(r[4]),
        reason: str(r[5]),
        actor: str(r[6]),
        workload_id: strOrNull(r[7]),
        endpoint_id: strOrNull(r[8]),
        window_start: strOrNull(r[9]),
        window_end: strOrNull(r[10]),
        idempotency_key: strOrNull(r[11]),
        created_at: str(r[12]),
      }),
    );
    return page(items, limit, 'tx', (t) => [t.seq]);
  }

  workloads(filter: WorkloadFilter): Page<Workload> {
    const limit = filter.limit ?? DEFAULT_LIMIT;
    const where = new Where();
    const after = decodeCacheCursor('wl', filter.cursor, 2);
    if (after)
      where.add(
        '(created_at < ? OR (created_at = ? AND id < ?))',
        after[0] ?? '',
        after[0] ?? '',
        after[1] ?? '',
      );
    if (filter.status) where.add('status = ?', filter.status);
    if (filter.reconciled !== undefined) {
      where.add('reconciled = ?', filter.reconciled === true || filter.reconciled === 'true' ? 1 : 0);
    }
    const rows = this.all(
      `SELECT json FROM workloads ${where.sql()} ORDER BY created_at DESC, id DESC LIMIT ?`,
      [...where.params, limit + 1],
    );
    return page(
      rows.map((r) => JSON.parse(str(r[0])) as Workload),
      limit,
      'wl',
      (w) => [w.created_at, w.id],
    );
  }

  workload(id: string): Workload | null {
    const row = this.all('SELECT json FROM workloads WHERE id = ?', [id])[0];
    return row ? (JSON.parse(str(row[0])) as Workload) : null;
  }

  /** Oldest first, like the backend's endpoint list. */
  endpoints(filter: EndpointFilter): Page<Endpoint> {
    const limit = filter.limit ?? DEFAULT_LIMIT;
    const where = new Where();
    const after = decodeCacheCursor('ep', filter.cursor, 2);
    if (after)
      where.add(
        '(created_at > ? OR (created_at = ? AND id > ?))',
        after[0] ?? '',
        after[0] ?? '',
        after[1] ?? '',
      );
    if (filter.status) where.add('status = ?', filter.status);
    const rows = this.all(`SELECT json FROM endpoints ${where.sql()} ORDER BY created_at, id LIMIT ?`, [
      ...where.params,
      limit + 1,
    ]);
    return page(
      rows.map((r) => JSON.parse(str(r[0])) as Endpoint),
      limit,
      'ep',
      (e) => [e.created_at, e.id],
    );
  }

  endpoint(id: string): Endpoint | null {
    const row = this.all('SELECT json FROM endpoints WHERE id = ?', [id])[0];
    return row ? (JSON.parse(str(row[0])) as Endpoint) : null;
  }

  audit(filter: AuditFilter): Page<AuditEntry> {
    const limit = filter.limit ?? DEFAULT_LIMIT;
    const where = new Where();
    const after = decodeCacheCursor('au', filter.cursor, 2);
    if (after) where.add('(at < ? OR (at = ? AND id < ?))', after[0] ?? '', after[0] ?? '', after[1] ?? '');
    if (filter.actor) where.add('actor = ?', filter.actor);
    if (filter.action) where.add('action = ?', filter.action);
    if (filter.since) where.add('at >= ?', normaliseInstant(filter.since));
    if (filter.until) where.add('at < ?', normaliseInstant(filter.until));
    const rows = this.all(`SELECT json FROM audit ${where.sql()} ORDER BY at DESC, id DESC LIMIT ?`, [
      ...where.params,
      limit + 1,
    ]);
    return page(
      rows.map((r) => JSON.parse(str(r[0])) as AuditEntry),
      limit,
      'au',
      (a) => [a.at, a.id],
    );
  }
}

/**
 * Stored instants are the backend's UTC ISO strings (`…Z`, milliseconds), so
 * they compare as text. A filter given with an offset is converted first.
 */
export function normaliseInstant(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

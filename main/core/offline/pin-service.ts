import type { AuditEntry, Endpoint, Page, Tenant, Transaction, Workload } from '../../../shared/api/schemas';
import type { ProfileCache } from '../cache/profile-cache';
import { OperatorFailure } from '../errors/normalize';

/**
 * Where a pin reads from: the core's API client in the app, a fake in tests.
 * Every list is unfiltered, newest first for the ledger, at the largest page
 * size the backend allows. `signal` aborts the request in flight on Cancel.
 */
export interface PinSource {
  getTenant(tenantId: string, signal: AbortSignal): Promise<Tenant>;
  listTransactions(tenantId: string, cursor: string | null, signal: AbortSignal): Promise<Page<Transaction>>;
  listWorkloads(tenantId: string, cursor: string | null, signal: AbortSignal): Promise<Page<Workload>>;
  listEndpoints(tenantId: string, cursor: string | null, signal: AbortSignal): Promise<Page<Endpoint>>;
  /** Admin-only on the backend: absent for a support token, and a 403 is skipped, not fatal. */
  listAudit?(tenantId: string, cursor: string | null, signal: AbortSignal): Promise<Page<AuditEntry>>;
}

export type PinPhase = 'tenant' | 'transactions' | 'workloads' | 'endpoints' | 'audit' | 'saving' | 'done';

export interface PinProgress {
  tenantId: string;
  phase: PinPhase;
  /** Ledger rows now in the cache, and how many the backend has (wallet.version). */
  transactionsCached: number;
  transactionsTotal: number;
  /** Requests made by this run. */
  pages: number;
}

export interface PinResult {
  tenantId: string;
  /** Ledger rows fetched by this run (a refresh fetches only the new ones, plus one overlapping page). */
  transactionsFetched: number;
  transactionsCached: number;
  ledgerComplete: boolean;
  auditSkipped: boolean;
  sizeBytes: number;
  pages: number;
}

export interface PinOptions {
  signal?: AbortSignal;
  onProgress?(progress: PinProgress): void;
  /** Seal and write the partial cache every N ledger pages, so Cancel or a crash keeps the progress. */
  checkpointEveryPages?: number;
}

function isForbidden(error: unknown): boolean {
  const detail = (error as { detail?: { code?: unknown; status?: unknown } } | null)?.detail ?? error;
  const d = detail as { code?: unknown; status?: unknown } | null;
  return d?.code === 'forbidden' || d?.status === 403;
}

/** A run that downloaded this many ledger rows compacts the file before the final write. */
const COMPACT_AFTER_ROWS = 2000;

export const cancelledFailure = (): OperatorFailure =>
  new OperatorFailure({
    code: 'cancelled',
    message: 'Pinning was cancelled. What was downloaded is kept; pin again to resume.',
    retryable: true,
  });

/**
 * Downloads a tenant's full history into the cache (pin), or what is new
 * since the last run (refresh: the same call on a pinned tenant).
 *
 * The ledger is append-only and each row has a dense per-tenant `seq`, so:
 * walk from the newest page down until a page reaches a seq already cached
 * (refresh), then continue below the lowest cached seq with the cursor saved
 * by the previous run (resume after Cancel). Workloads and endpoints change
 * state, so they are re-read in full each time (they are few).
 */
export async function pinTenant(
  profile: ProfileCache,
  source: PinSource,
  tenantId: string,
  options: PinOptions = {},
): Promise<PinResult> {
  const signal = options.signal ?? new AbortController().signal;
  const every = options.checkpointEveryPages ?? 40;
  const wasPinned = profile.entryOf(tenantId)?.pinned ?? false;
  let pages = 0;
  let fetched = 0;
  let total = 0;
  let phase: PinPhase = 'tenant';

  const progress = async () => {
    if (!options.onProgress) return;
    const cached = (await profile.withDb(tenantId, false, (db) => db.transactionCount())) ?? 0;
    options.onProgress({ tenantId, phase, transactionsCached: cached, transactionsTotal: total, pages });
  };
  const check = () => {
    if (signal.aborted) throw cancelledFailure();
  };

  let auditSkipped = false;
  try {
    check();
    const tenant = await source.getTenant(tenantId, signal);
    pages++;
    total = tenant.wallet.version;
    await profile.recordTenant(tenant);
    await profile.setPinned(tenantId, true);
    await progress();

    phase = 'transactions';
    const ledgerPage = async (cursor: string | null) => {
      check();
      const page = await source.listTransactions(tenantId, cursor, signal);
      pages++;
      fetched += page.data.length;
      const coverage = await profile.recordLedgerPage(tenantId, page, cursor === null);
      if (pages % every === 0) await profile.flush();
      await progress();
      return { page, coverage };
    };

    // 1. New rows, from the top down to what is already cached.
    const before = await profile.coverage(tenantId);
    const knownHigh = before?.highSeq ?? null;
    let cursor: string | null = null;
    for (;;) {
      const { page } = await ledgerPage(cursor);
      const reachedKnown = knownHigh !== null && page.data.some((t) => t.seq <= knownHigh);
      if (reachedKnown || page.next_cursor === null) break;
      cursor = page.next_cursor;
    }
    // 2. Older rows a previous (cancelled) run did not reach; without a saved cursor, walk the whole ledger.
    let coverage = await profile.coverage(tenantId);
    let tail: string | null = coverage?.tailCursor ?? null;
    if (coverage && !coverage.complete && tail === null) {
      cursor = null;
      for (;;) {
        const { page, coverage: now } = await ledgerPage(cursor);
        coverage = now;
        if (now.complete || page.next_cursor === null) break;
        cursor = page.next_cursor;
      }
      tail = null;
    }
    while (coverage && !coverage.complete && tail !== null) {
      const { page, coverage: now } = await ledgerPage(tail);
      coverage = now;
      tail = page.next_cursor === null ? null : now.tailCursor;
    }

    phase = 'workloads';
    await progress();
    await eachPage(
      (c) => source.listWorkloads(tenantId, c, signal),
      check,
      async (rows) => {
        pages++;
        await profile.recordWorkloads(tenantId, rows);
      },
    );
    phase = 'endpoints';
    await progress();
    await eachPage(
      (c) => source.listEndpoints(tenantId, c, signal),
      check,
      async (rows) => {
        pages++;
        await profile.recordEndpoints(tenantId, rows);
      },
    );
    phase = 'audit';
    await progress();
    const listAudit = source.listAudit?.bind(source);
    if (!listAudit) auditSkipped = true;
    else {
      try {
        await eachPage(
          (c) => listAudit(tenantId, c, signal),
          check,
          async (rows) => {
            pages++;
            await profile.recordAudit(tenantId, rows);
          },
        );
      } catch (error) {
        if (!isForbidden(error)) throw error;
        auditSkipped = true;
      }
    }

    phase = 'saving';
    await progress();
    if (fetched >= COMPACT_AFTER_ROWS) await profile.compact(tenantId);
    await profile.flush();
    phase = 'done';
    await progress();
    const entry = profile.entryOf(tenantId);
    return {
      tenantId,
      transactionsFetched: fetched,
      transactionsCached: entry?.transactions ?? 0,
      ledgerComplete: entry?.ledgerComplete ?? false,
      auditSkipped,
      sizeBytes: entry?.sizeBytes ?? 0,
      pages,
    };
  } catch (error) {
    // Keep what was downloaded (it is real data, stamped as of now); only the pin flag reverts.
    if (!wasPinned && profile.entryOf(tenantId)) await profile.setPinned(tenantId, false);
    await profile.flush();
    if (signal.aborted) throw cancelledFailure();
    throw error;
  }
}

async function eachPage<T>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  check: () => void,
  onRows: (rows: T[]) => Promise<void>,
): Promise<void> {
  let cursor: string | null = null;
  do {
    check();
    const page: Page<T> = await fetchPage(cursor);
    await onRows(page.data);
    cursor = page.next_cursor;
  } while (cursor !== null);
}

import type { AuditEntry, Endpoint, Transaction, Workload } from '../../../shared/api/schemas';
import type { ProfileCache } from '../cache/profile-cache';
import type { CacheStamp } from '../cache/types';
import { OperatorFailure, toOperatorError } from '../errors/normalize';
import type { Handlers } from '../ipc/dispatcher';
import type { OfflineService } from './offline-service';

export type CachedReadChannel =
  | 'tenants.list'
  | 'tenants.get'
  | 'wallet.transactions'
  | 'workloads.list'
  | 'workloads.get'
  | 'endpoints.list'
  | 'endpoints.get'
  | 'admin.audit'
  | 'admin.transactions'
  | 'admin.workloads'
  | 'admin.endpoints';

type ReadHandlers = Pick<Handlers, CachedReadChannel>;

/** Marks an answer as coming from the cache; absent on live answers. */
export type Stamped<T> = T & { cached?: CacheStamp };

function stamp<T extends object>(value: T, s: CacheStamp): Stamped<T> {
  return { ...value, cached: { asOf: s.asOf, complete: s.complete } };
}

/** Errors that mean "the backend is out of reach" rather than "it said no". */
export function isNetworkFailure(error: unknown): boolean {
  const detail = toOperatorError(error);
  return (
    detail.code === 'unreachable' || detail.code === 'timeout' || [502, 503, 504].includes(detail.status ?? 0)
  );
}

const unfiltered = (a: { type?: unknown; since?: unknown; until?: unknown; q?: unknown }) =>
  a.type === undefined && a.since === undefined && a.until === undefined && (a.q === undefined || a.q === '');

/**
 * Rows of a cross-tenant list, grouped by tenant, for tenants already cached
 * here only: one admin page can name hundreds of tenants, and opening a
 * database for each would cost the live read far more than the cache is worth.
 */
function byTenant<T extends { tenant_id: string | null }>(
  cache: ProfileCache,
  rows: readonly T[],
  /** The list was filtered to this tenant: cache it even if it is new here. */
  asked: string | undefined,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    if (row.tenant_id === null) continue;
    if (row.tenant_id !== asked && !cache.hasTenantData(row.tenant_id)) continue;
    const list = groups.get(row.tenant_id) ?? [];
    list.push(row);
    groups.set(row.tenant_id, list);
  }
  return groups;
}

/**
 * The read handlers with the cache behind them:
 * - online: ask the backend, record what came back (write-through), answer live;
 * - offline, or the backend just became unreachable: answer from the cache,
 *   stamped `cached: {asOf, complete}`, or say plainly that it is not cached.
 * Cross-tenant admin lists are only cached per tenant (offline they need a tenantId).
 */
export function withOfflineReads(online: ReadHandlers, offline: OfflineService): ReadHandlers {
  /**
   * Write-through runs behind the live answer (the first read of a big pinned
   * tenant decrypts its file), one at a time and in order; a cached answer
   * waits for it, so it always includes what was just shown live.
   */
  let recording: Promise<void> = Promise.resolve();

  const read = <A, R>(
    live: (args: A) => Promise<R>,
    fromCache: (cache: ProfileCache, args: A) => Promise<R>,
    record: (cache: ProfileCache, args: A, result: R) => Promise<void> | void,
  ) => {
    return async (args: A): Promise<R> => {
      if (offline.isOffline()) {
        const { cache } = await offline.requireCache();
        await recording;
        return fromCache(cache, args);
      }
      let result: R;
      try {
        result = await live(args);
      } catch (error) {
        if (!isNetworkFailure(error)) throw error;
        offline.detector.reportNetworkError();
        const active = await offline.activeCache();
        if (!active) throw error;
        try {
          await recording;
          return await fromCache(active.cache, args);
        } catch {
          throw error; // not cached either: the network error is the honest answer
        }
      }
      offline.detector.reportSuccess();
      const answered = result;
      recording = recording
        // A macrotask later, so the answer is serialised and sent before the (synchronous) cache write
        // starts, rather than racing it through microtasks: the renderer parses and paints meanwhile.
        .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
        .then(async () => {
          const active = await offline.activeCache();
          if (!active) return;
          await record(active.cache, args, answered);
          offline.scheduleFlush();
        })
        .catch(() => {
          // The cache must never break a live read.
        });
      return result;
    };
  };

  return {
    'tenants.list': read(
      online['tenants.list'],
      async (cache, a) => {
        const page = cache.tenants(a);
        return stamp({ data: page.data, next_cursor: page.next_cursor }, page);
      },
      (cache, _a, page) => cache.recordTenantList(page.data),
    ),
    'tenants.get': read(
      online['tenants.get'],
      async (cache, a) => {
        const { item, ...s } = await cache.tenant(a.tenantId);
        return stamp(item, s);
      },
      (cache, _a, tenant) => cache.recordTenant(tenant),
    ),
    'wallet.transactions': read(
      online['wallet.transactions'],
      async (cache, a) => {
        const { tenantId, ...filter } = a;
        const page = await cache.transactions(tenantId, filter);
        return stamp({ data: page.data, next_cursor: page.next_cursor }, page);
      },
      async (cache, a, page) => {
        if (unfiltered(a)) await cache.recordLedgerPage(a.tenantId, page, a.cursor === undefined);
        else await cache.recordTransactions(a.tenantId, page.data);
      },
    ),
    'workloads.list': read(
      online['workloads.list'],
      async (cache, a) => {
        const { tenantId, ...filter } = a;
        const page = await cache.workloads(tenantId, filter);
        return stamp({ data: page.data, next_cursor: page.next_cursor }, page);
      },
      (cache, a, page) => cache.recordWorkloads(a.tenantId, page.data),
    ),
    'workloads.get': read(
      online['workloads.get'],
      async (cache, a) => {
        const { item, ...s } = await cache.workload(a.workloadId);
        return stamp(item, s);
      },
      (cache, _a, w) => cache.recordWorkloads(w.tenant_id, [w]),
    ),
    'endpoints.list': read(
      online['endpoints.list'],
      async (cache, a) => {
        const { tenantId, ...filter } = a;
        const page = await cache.endpoints(tenantId, filter);
        return stamp({ data: page.data, next_cursor: page.next_cursor }, page);
      },
      (cache, a, page) => cache.recordEndpoints(a.tenantId, page.data),
    ),
    'endpoints.get': read(
      online['endpoints.get'],
      async (cache, a) => {
        const { item, ...s } = await cache.endpoint(a.endpointId);
        return stamp(item, s);
      },
      (cache, _a, e) => cache.recordEndpoints(e.tenant_id, [e]),
    ),
    'admin.audit': read(
      online['admin.audit'],
      async (cache, a) => {
        const { tenantId, ...filter } = a;
        if (!tenantId) throw crossTenantOffline();
        const page = await cache.audit(tenantId, filter);
        return stamp({ data: page.data, next_cursor: page.next_cursor }, page);
      },
      async (cache, a, page) => {
        for (const [tenantId, rows] of byTenant<AuditEntry>(cache, page.data, a.tenantId))
          await cache.recordAudit(tenantId, rows);
      },
    ),
    'admin.transactions': read(
      online['admin.transactions'],
      async (cache, a) => {
        const { tenantId, ...filter } = a;
        if (!tenantId) throw crossTenantOffline();
        const page = await cache.transactions(tenantId, filter);
        return stamp({ data: page.data, next_cursor: page.next_cursor }, page);
      },
      async (cache, a, page) => {
        for (const [tenantId, rows] of byTenant<Transaction>(cache, page.data, a.tenantId))
          await cache.recordTransactions(tenantId, rows);
      },
    ),
    'admin.workloads': read(
      online['admin.workloads'],
      async (cache, a) => {
        const { tenantId, ...filter } = a;
        if (!tenantId) throw crossTenantOffline();
        const page = await cache.workloads(tenantId, filter);
        return stamp({ data: page.data, next_cursor: page.next_cursor }, page);
      },
      async (cache, a, page) => {
        for (const [tenantId, rows] of byTenant<Workload>(cache, page.data, a.tenantId))
          await cache.recordWorkloads(tenantId, rows);
      },
    ),
    'admin.endpoints': read(
      online['admin.endpoints'],
      async (cache, a) => {
        const { tenantId, ...filter } = a;
        if (!tenantId) throw crossTenantOffline();
        const page = await cache.endpoints(tenantId, filter);
        return stamp({ data: page.data, next_cursor: page.next_cursor }, page);
      },
      async (cache, a, page) => {
        for (const [tenantId, rows] of byTenant<Endpoint>(cache, page.data, a.tenantId))
          await cache.recordEndpoints(tenantId, rows);
      },
    ),
  };
}

function crossTenantOffline(): OperatorFailure {
  return new OperatorFailure({
    code: 'not_cached',
    message: 'Offline, lists across all tenants are not available. Choose a tenant to see its cached data.',
    retryable: false,
  });
}

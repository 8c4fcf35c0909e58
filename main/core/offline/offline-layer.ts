import type { ApiClient, FetchLike } from '../api/api-client';
import type { OfflineCache } from '../cache/offline-cache';
import { OperatorFailure } from '../errors/normalize';
import type { EventHub } from '../events/event-hub';
import type { SaveDialog } from '../export/save-dialog';
import { writeTransactionsCsv } from '../export/transactions-csv-file';
import type { Handlers } from '../ipc/dispatcher';
import type { Clock } from '../platform/clock';
import type { Profile } from '../profiles/profile-repository';
import type { Probe } from './offline-detector';
import { type CachedReadChannel, withOfflineReads } from './offline-reads';
import { OfflineService, type OfflineView } from './offline-service';
import type { PinSource } from './pin-service';
import { realTimers, type Timers } from './timers';

export type OfflineChannel =
  | 'cache.status'
  | 'cache.list'
  | 'cache.pin'
  | 'cache.cancel'
  | 'cache.refresh'
  | 'cache.purge'
  | 'cache.purgeAll'
  | 'cache.settings'
  | 'offline.status'
  | 'offline.set';

/** What an entry point passes to turn the offline cache on (Electron: safeStorage-sealed; web host: session key). */
export interface OfflineDeps {
  cache: OfflineCache;
  timers?: Timers;
}

export interface OfflineLayerDeps {
  offline: OfflineDeps | null;
  activeProfile(): Profile | null;
  clientFor(profile: Profile): ApiClient;
  /** Blocks or unblocks writes in the connection service (it republishes connection.changed). */
  setWriteBlock(reason: string | null): void;
  recheck(): Promise<unknown>;
  events: EventHub;
  saveDialog: SaveDialog;
  clock: Clock;
  fetch?: FetchLike;
  log(message: string, fields: Record<string, string | number | boolean | null>): void;
}

export interface OfflineLayer {
  /** Reads fall back to the cache (and feed it); CSV export works from the cache offline. */
  decorate(handlers: Handlers): Pick<Handlers, CachedReadChannel | 'wallet.exportCsv'>;
  handlers: Pick<Handlers, OfflineChannel>;
  /** Every backend attempt the API client makes: a network error (status null) is a hint to probe now. */
  observeAttempt(status: number | null): void;
  profileDeleted(profileId: string): void;
  start(): void;
}

const PAGE = 500;

/**
 * The backend's answer to anything proves it is up; a gateway error or no
 * answer proves nothing. It asks for the base URL itself, outside /v1: no
 * token is needed (so none can leak), no contract route is exercised, and the
 * sandbox's injected /v1 faults are left for the requests they were meant for.
 */
export function probeFor(activeProfile: () => Profile | null, fetchImpl: FetchLike): Probe {
  return async (signal) => {
    const profile = activeProfile();
    if (!profile) return true;
    const response = await fetchImpl(`${profile.baseUrl}/`, { signal, redirect: 'manual' });
    await response.body?.cancel();
    return ![502, 503, 504].includes(response.status);
  };
}

export function pinSourceFrom(client: ApiClient): PinSource {
  const q = (cursor: string | null) => ({ limit: PAGE, cursor: cursor ?? undefined });
  return {
    getTenant: async (tenantId) => (await client.get('getTenant', { params: { tenant_id: tenantId } })).data,
    listTransactions: async (tenantId, cursor) =>
      (await client.get('listTenantTransactions', { params: { tenant_id: tenantId }, query: q(cursor) }))
        .data,
    listWorkloads: async (tenantId, cursor) =>
      (await client.get('listTenantWorkloads', { params: { tenant_id: tenantId }, query: q(cursor) })).data,
    listEndpoints: async (tenantId, cursor) =>
      (await client.get('listTenantEndpoints', { params: { tenant_id: tenantId }, query: q(cursor) })).data,
    listAudit: async (tenantId, cursor) =>
      (await client.get('listAudit', { query: { tenant_id: tenantId, ...q(cursor) } })).data,
  };
}

const cacheOffView = (): Omit<OfflineView, 'since'> => ({
  mode: 'online',
  reason: null,
  onlineAvailable: false,
  profileId: null,
  profileName: null,
  lastSyncAt: null,
  cache: { state: 'off', reason: 'disabled', warning: null },
});

/**
 * Wires the offline cache into the core. Without `offline` deps (unit-test
 * harnesses) everything is inert: reads stay live and cache.* says "off".
 */
export function createOfflineLayer(deps: OfflineLayerDeps): OfflineLayer {
  const setup = deps.offline;
  if (!setup) return inertLayer(deps.clock);
  const { cache } = setup;
  const service = new OfflineService({
    cache,
    activeProfile: deps.activeProfile,
    pinSourceFor: (profile) => {
      const full = deps.activeProfile();
      if (!full || full.id !== profile.id)
        throw new OperatorFailure({ code: 'no_profile', message: 'The profile changed.', retryable: false });
      return pinSourceFrom(deps.clientFor(full));
    },
    probe: probeFor(deps.activeProfile, deps.fetch ?? fetch),
    timers: setup.timers ?? realTimers,
    setWriteBlock: deps.setWriteBlock,
    recheck: deps.recheck,
    onChanged: (view) => deps.events.emit('offline.changed', view),
    onPinProgress: (progress) => deps.events.emit('cache.progress', progress),
    log: deps.log,
  });

  const listView = async () => {
    const active = await service.activeCache();
    const entries = active?.cache.list() ?? [];
    return {
      tenants: entries.map((e) => ({
        tenantId: e.tenantId,
        name: e.tenant?.name ?? null,
        pinned: e.pinned,
        pinnedAt: e.pinnedAt,
        lastRefreshAt: e.lastRefreshAt,
        sizeBytes: e.sizeBytes,
        transactions: e.transactions,
        ledgerComplete: e.ledgerComplete,
        damaged: e.damagedAt !== null,
        asOf: {
          tenant: e.asOf?.tenant ?? e.tenantAsOf,
          transactions: e.asOf?.transactions ?? null,
          workloads: e.asOf?.workloads ?? null,
          endpoints: e.asOf?.endpoints ?? null,
          audit: e.asOf?.audit ?? null,
        },
      })),
      totalBytes: active?.cache.totalBytes() ?? 0,
    };
  };

  return {
    decorate(handlers) {
      const exportLive = handlers['wallet.exportCsv'];
      return {
        ...withOfflineReads(handlers, service),
        'wallet.exportCsv': async (args) => {
          if (!service.isOffline()) return exportLive(args);
          const { cache: profileCache } = await service.requireCache();
          const { tenantId, ...filter } = args;
          // Fail before asking where to save: nothing cached means nothing to export.
          await profileCache.transactions(tenantId, { ...filter, limit: 1 });
          const path = await deps.saveDialog.choosePath({
            title: 'Export cached transactions',
            defaultFileName: `transactions-${tenantId}-cached.csv`,
            filters: [{ name: 'CSV', extensions: ['csv'] }],
          });
          if (path === null) return { saved: false, path: null, rows: 0 };
          const rows = await writeTransactionsCsv(path, async (cursor) => {
            const page = await profileCache.transactions(tenantId, { ...filter, limit: PAGE, cursor });
            return { rows: page.data, next: page.next_cursor ?? undefined };
          });
          return { saved: true, path, rows };
        },
      };
    },
    handlers: {
      'cache.status': async () => cache.status(),
      'cache.list': listView,
      'cache.pin': async ({ tenantId }) => service.pin(tenantId),
      'cache.cancel': async ({ tenantId }) => ({ cancelled: service.cancel(tenantId) }),
      'cache.refresh': async ({ tenantId }) => ({ results: await service.refresh(tenantId) }),
      'cache.purge': async ({ tenantId }) => {
        await service.purge(tenantId);
        return {};
      },
      'cache.purgeAll': async () => {
        await service.purgeAll();
        return {};
      },
      'cache.settings': async (change) => {
        const status = await cache.updateSettings({
          ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
          ...(change.allowWeakKeyProtection !== undefined
            ? { allowWeakKeyProtection: change.allowWeakKeyProtection }
            : {}),
          ...(change.expiryDays !== undefined ? { expiryDays: change.expiryDays } : {}),
        });
        if (change.expiryDays !== undefined) await cache.sweepExpired();
        await service.publish();
        return status;
      },
      'offline.status': async () => service.view(),
      'offline.set': async ({ offline }) => service.setOffline(offline),
    },
    observeAttempt(status) {
      if (status === null || [502, 503, 504].includes(status)) service.detector.reportNetworkError();
      else service.detector.reportSuccess();
    },
    profileDeleted(profileId) {
      service
        .profileDeleted(profileId)
        .catch((error: unknown) => deps.log('cache wipe failed', { error: String(error) }));
    },
    start() {
      service.start();
      // Expiry is also applied hourly for a long-running app, not only when a profile's cache opens.
      const timers = setup.timers ?? realTimers;
      const sweep = () => {
        cache.sweepExpired().catch(() => undefined);
        timers.setTimeout(sweep, 3_600_000);
      };
      timers.setTimeout(sweep, 3_600_000);
    },
  };
}

function inertLayer(clock: Clock): OfflineLayer {
  const off = {
    state: 'off' as const,
    reason: 'disabled' as const,
    protection: 'unavailable' as const,
    warning: 'This build runs without an offline cache.',
    settings: { enabled: false, allowWeakKeyProtection: false, expiryDays: 30 },
  };
  const refuse = async (): Promise<never> => {
    throw new OperatorFailure({ code: 'cache_off', message: off.warning, retryable: false });
  };
  const view = () => ({ ...cacheOffView(), since: new Date(clock.now()).toISOString() });
  return {
    decorate: (handlers) => handlers,
    handlers: {
      'cache.status': async () => off,
      'cache.list': async () => ({ tenants: [], totalBytes: 0 }),
      'cache.pin': refuse,
      'cache.cancel': async () => ({ cancelled: false }),
      'cache.refresh': refuse,
      'cache.purge': async () => ({}),
      'cache.purgeAll': async () => ({}),
      'cache.settings': refuse,
      'offline.status': async () => view(),
      'offline.set': refuse,
    },
    observeAttempt: () => {},
    profileDeleted: () => {},
    start: () => {},
  };
}

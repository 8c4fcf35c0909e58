import type { CacheStatus, OfflineCache } from '../cache/offline-cache';
import type { ProfileCache } from '../cache/profile-cache';
import { OperatorFailure } from '../errors/normalize';
import { OfflineDetector, type OfflineState, type Probe } from './offline-detector';
import { type PinProgress, type PinResult, type PinSource, pinTenant } from './pin-service';
import type { Timers } from './timers';

export const OFFLINE_WRITE_REASON = 'Offline: mutations are never queued. Go online to make changes.';

/** What the renderer needs to draw the offline banner and the cache controls. */
export interface OfflineView {
  mode: 'online' | 'offline';
  reason: 'unreachable' | 'manual' | null;
  since: string;
  onlineAvailable: boolean;
  profileId: string | null;
  profileName: string | null;
  /** The most recent time any cached data of this profile was read from the backend. */
  lastSyncAt: string | null;
  cache: { state: CacheStatus['state']; reason: CacheStatus['reason']; warning: string | null };
}

export interface ActiveProfile {
  id: string;
  name: string;
}

export interface OfflineServiceDeps {
  cache: OfflineCache;
  activeProfile(): ActiveProfile | null;
  /** Reads for a pin, through the core's API client for that profile. */
  pinSourceFor(profile: ActiveProfile): PinSource;
  probe: Probe;
  timers: Timers;
  /** Blocks (reason) or unblocks (null) every write in the connection service, and republishes its status. */
  setWriteBlock(reason: string | null): void;
  /** Re-runs the connection check after going back online. */
  recheck(): Promise<unknown>;
  onChanged(view: OfflineView): void;
  onPinProgress(progress: PinProgress & { profileId: string }): void;
  log?(message: string, fields: Record<string, string | number | boolean | null>): void;
  /** Write-through is sealed to disk this long after the last online read (default 2 s). */
  flushDelayMs?: number;
  /** Pinned tenants are refreshed this often while online (default 15 min), and on going back online. */
  refreshIntervalMs?: number;
}

/**
 * Offline mode for the core: watches the backend, blocks writes while
 * offline, runs pins, and gives the read handlers the active profile's cache.
 * The decision to go back online stays with the operator.
 */
export class OfflineService {
  readonly detector: OfflineDetector;
  private readonly pins = new Map<string, { controller: AbortController; run: Promise<PinResult> }>();
  private flushTimer: unknown = null;
  private refreshTimer: unknown = null;
  private writeBlock: string | null = null;

  constructor(private readonly deps: OfflineServiceDeps) {
    this.detector = new OfflineDetector({ probe: deps.probe, timers: deps.timers });
    this.detector.subscribe((state) => this.onDetector(state));
  }

  start(): void {
    this.detector.start();
    this.scheduleRefresh();
  }

  stop(): void {
    this.detector.stop();
    if (this.refreshTimer !== null) this.deps.timers.clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    for (const pin of this.pins.values()) pin.controller.abort();
  }

  isOffline(): boolean {
    return this.detector.current().mode === 'offline';
  }

  private onDetector(state: OfflineState): void {
    const block = state.mode === 'offline' ? OFFLINE_WRITE_REASON : null;
    if (block !== this.writeBlock) {
      this.writeBlock = block;
      this.deps.setWriteBlock(block);
    }
    if (state.mode === 'offline') for (const pin of this.pins.values()) pin.controller.abort();
    this.deps.log?.('offline state', {
      mode: state.mode,
      reason: state.reason,
      onlineAvailable: state.onlineAvailable,
    });
    void this.publish();
  }

  async view(): Promise<OfflineView> {
    const state = this.detector.current();
    const profile = this.deps.activeProfile();
    const status = this.deps.cache.status();
    let lastSyncAt: string | null = null;
    const cache = profile ? await this.deps.cache.profile(profile.id) : null;
    for (const entry of cache?.list() ?? []) {
      if (entry.lastRefreshAt && (!lastSyncAt || entry.lastRefreshAt > lastSyncAt))
        lastSyncAt = entry.lastRefreshAt;
    }
    return {
      mode: state.mode,
      reason: state.reason,
      since: state.since,
      onlineAvailable: state.onlineAvailable,
      profileId: profile?.id ?? null,
      profileName: profile?.name ?? null,
      lastSyncAt,
      cache: { state: status.state, reason: status.reason, warning: status.warning },
    };
  }

  async publish(): Promise<OfflineView> {
    const view = await this.view();
    this.deps.onChanged(view);
    return view;
  }

  /** The operator's "Work offline" switch; off means "go online". */
  async setOffline(offline: boolean): Promise<OfflineView> {
    if (offline) this.detector.setManualOffline(true);
    else await this.goOnline();
    return this.view();
  }

  async goOnline(): Promise<OfflineView> {
    this.detector.goOnline();
    await this.deps.recheck();
    this.refreshPinnedInBackground();
    return this.view();
  }

  /** Keeps offline copies current without the operator thinking of it; a refresh fetches only what is new. */
  private scheduleRefresh(): void {
    this.refreshTimer = this.deps.timers.setTimeout(
      () => {
        this.refreshPinnedInBackground();
        this.scheduleRefresh();
      },
      this.deps.refreshIntervalMs ?? 15 * 60_000,
    );
  }

  private refreshPinnedInBackground(): void {
    if (this.isOffline()) return;
    this.activeCache()
      .then((active) => (active ? this.refresh() : []))
      .catch((error: unknown) =>
        this.deps.log?.('background refresh of pinned tenants stopped', { error: String(error) }),
      );
  }

  /** The active profile's cache, or null (no profile, or cache off). */
  async activeCache(): Promise<{ profile: ActiveProfile; cache: ProfileCache } | null> {
    const profile = this.deps.activeProfile();
    if (!profile) return null;
    const cache = await this.deps.cache.profile(profile.id);
    return cache ? { profile, cache } : null;
  }

  /** Like activeCache, but explains why there is none. */
  async requireCache(): Promise<{ profile: ActiveProfile; cache: ProfileCache }> {
    const active = await this.activeCache();
    if (active) return active;
    const status = this.deps.cache.status();
    throw new OperatorFailure({
      code: 'cache_off',
      message: this.deps.activeProfile()
        ? `The offline cache is off${status.warning ? `: ${status.warning}` : '.'} Turn it on in Settings → Offline cache.`
        : 'No connection profile is active.',
      retryable: false,
    });
  }

  /** Seals write-through data a little after the last online read, not on every page. */
  scheduleFlush(): void {
    if (this.flushTimer !== null) return;
    this.flushTimer = this.deps.timers.setTimeout(() => {
      this.flushTimer = null;
      this.deps.cache
        .flushAll()
        .catch((error: unknown) => this.deps.log?.('cache flush failed', { error: String(error) }));
    }, this.deps.flushDelayMs ?? 2000);
  }

  // ------------------------------------------------------------ pins

  pin(tenantId: string): Promise<PinResult> {
    if (this.isOffline()) {
      return Promise.reject(
        new OperatorFailure({
          code: 'offline',
          message: 'Pinning needs the backend. Go online first.',
          retryable: true,
        }),
      );
    }
    const running = this.pins.get(tenantId);
    if (running) return running.run;
    const controller = new AbortController();
    const run = (async () => {
      const { profile, cache } = await this.requireCache();
      try {
        return await pinTenant(cache, this.deps.pinSourceFor(profile), tenantId, {
          signal: controller.signal,
          onProgress: (progress) => this.deps.onPinProgress({ ...progress, profileId: profile.id }),
        });
      } finally {
        void this.publish();
      }
    })().finally(() => this.pins.delete(tenantId));
    this.pins.set(tenantId, { controller, run });
    return run;
  }

  cancel(tenantId: string): boolean {
    const running = this.pins.get(tenantId);
    running?.controller.abort();
    return running !== undefined;
  }

  /** Refreshes one pinned tenant, or every pinned tenant of the active profile. */
  async refresh(tenantId?: string): Promise<PinResult[]> {
    const { cache } = await this.requireCache();
    const ids = tenantId
      ? [tenantId]
      : cache
          .list()
          .filter((e) => e.pinned)
          .map((e) => e.tenantId);
    const results: PinResult[] = [];
    for (const id of ids) results.push(await this.pin(id));
    return results;
  }

  async purge(tenantId: string): Promise<void> {
    this.cancel(tenantId);
    const { cache } = await this.requireCache();
    await cache.purgeTenant(tenantId);
    await this.publish();
  }

  async purgeAll(): Promise<void> {
    const profile = this.deps.activeProfile();
    if (!profile) return;
    for (const tenantId of this.pins.keys()) this.cancel(tenantId);
    await this.deps.cache.wipeProfile(profile.id);
    await this.publish();
  }

  /** A deleted profile takes its cache with it. */
  async profileDeleted(profileId: string): Promise<void> {
    await this.deps.cache.wipeProfile(profileId);
  }
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OfflineCache } from '../../../main/core/cache/offline-cache';
import {
  OFFLINE_WRITE_REASON,
  OfflineService,
  type OfflineView,
} from '../../../main/core/offline/offline-service';
import { FakeSealer, tempDir } from '../cache/support/fakes';
import { FakeBackend } from './support/fake-backend';
import { FakeTimers } from './support/fake-timers';

describe('offline service', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let cache: OfflineCache;
  let timers: FakeTimers;
  let backend: FakeBackend;
  let service: OfflineService;
  let blocks: (string | null)[];
  let views: OfflineView[];
  let up: boolean;

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    timers = new FakeTimers();
    cache = await OfflineCache.create({
      root: dir,
      sealer: new FakeSealer(),
      now: () => new Date(timers.now()),
    });
    backend = new FakeBackend('ten_svc1', 'Service Test Co', 250, 'tok-never-cached', 100);
    blocks = [];
    views = [];
    up = true;
    service = new OfflineService({
      cache,
      activeProfile: () => ({ id: 'prof-1', name: 'Staging' }),
      pinSourceFor: () => backend,
      probe: async () => up,
      timers,
      setWriteBlock: (reason) => blocks.push(reason),
      recheck: async () => {},
      onChanged: (view) => views.push(view),
      onPinProgress: () => {},
      refreshIntervalMs: 60_000,
    });
    service.start();
    await timers.advance(0);
  });
  afterEach(async () => {
    service.stop();
    await cache.close();
    await cleanup();
  });

  it('blocks writes while offline with the reason, refuses to pin, and unblocks on going online', async () => {
    up = false;
    await timers.advance(2500);
    expect(service.isOffline()).toBe(true);
    expect(blocks).toEqual([OFFLINE_WRITE_REASON]);
    expect(OFFLINE_WRITE_REASON).toMatch(/^Offline: mutations are never queued/);
    await expect(service.pin('ten_svc1')).rejects.toMatchObject({ detail: { code: 'offline' } });
    // Views are published after reading the cache's state (file I/O): wait for it, no fixed sleep.
    await vi.waitFor(() =>
      expect(views.at(-1)).toMatchObject({ mode: 'offline', reason: 'unreachable', profileName: 'Staging' }),
    );
    up = true;
    await timers.advance(2000);
    await vi.waitFor(() => expect(views.at(-1)).toMatchObject({ mode: 'offline', onlineAvailable: true }));
    await service.goOnline();
    expect(blocks).toEqual([OFFLINE_WRITE_REASON, null]);
  });

  it('refreshes pinned tenants in the background (on an interval and on going online), fetching only what is new', async () => {
    await service.pin('ten_svc1');
    backend.requests.length = 0;
    backend.append(7);
    await timers.advance(60_000);
    await service.refresh(); // wait for the background run to settle (it shares the running pin)
    expect(backend.requests.filter((r) => r.startsWith('tx'))).toEqual(['tx top']);
    expect((await cache.profile('prof-1'))?.entryOf('ten_svc1')?.transactions).toBe(257);

    service.detector.setManualOffline(true);
    backend.requests.length = 0;
    await timers.advance(60_000);
    expect(backend.requests).toEqual([]); // never while offline
    await service.goOnline();
    await service.refresh();
    expect(backend.requests.filter((r) => r.startsWith('tx')).length).toBeGreaterThan(0);
  });

  it('Cancel aborts a running pin, and purge removes the tenant', async () => {
    backend.beforeRequest = (what) => {
      if (what === 'tx 151') expect(service.cancel('ten_svc1')).toBe(true);
    };
    await expect(service.pin('ten_svc1')).rejects.toMatchObject({ detail: { code: 'cancelled' } });
    expect(service.cancel('ten_svc1')).toBe(false);
    await service.purge('ten_svc1');
    expect((await cache.profile('prof-1'))?.entryOf('ten_svc1')).toBeNull();
  });
});

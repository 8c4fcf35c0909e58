import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OfflineCache } from '../../../main/core/cache/offline-cache';
import { OperatorFailure } from '../../../main/core/errors/normalize';
import type { Handlers } from '../../../main/core/ipc/dispatcher';
import { withOfflineReads } from '../../../main/core/offline/offline-reads';
import { OfflineService } from '../../../main/core/offline/offline-service';
import type { Page, Transaction } from '../../../shared/api/schemas';
import { FakeSealer, ledger, tempDir, workload } from '../cache/support/fakes';
import { FakeTimers } from './support/fake-timers';

const TENANT = 'ten_reads1';
const unreachable = () =>
  new OperatorFailure({ code: 'unreachable', message: 'The backend could not be reached.', retryable: true });

describe('read handlers with the cache behind them', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let service: OfflineService;
  let cache: OfflineCache;
  let backend: { up: boolean; rows: Transaction[]; calls: number; fail: OperatorFailure | null };
  let reads: Pick<Handlers, 'wallet.transactions' | 'admin.workloads'>;

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    const timers = new FakeTimers();
    cache = await OfflineCache.create({
      root: dir,
      sealer: new FakeSealer(),
      now: () => new Date(timers.now()),
    });
    service = new OfflineService({
      cache,
      activeProfile: () => ({ id: 'prof-1', name: 'Staging' }),
      pinSourceFor: () => {
        throw new Error('not used');
      },
      probe: async () => backend.up,
      timers,
      setWriteBlock: () => {},
      recheck: async () => {},
      onChanged: () => {},
      onPinProgress: () => {},
    });
    backend = { up: true, rows: ledger(TENANT, 5), calls: 0, fail: null };
    const online = {
      'wallet.transactions': async (): Promise<Page<Transaction>> => {
        backend.calls++;
        if (backend.fail) throw backend.fail;
        return { data: backend.rows, next_cursor: null };
      },
      'admin.workloads': async (a: { tenantId?: string }) => ({
        data: [workload(TENANT, 1), workload('ten_stranger', 2), workload('ten_asked', 3)].filter(
          (w) => !a.tenantId || w.tenant_id === a.tenantId,
        ),
        next_cursor: null,
      }),
    } as unknown as Handlers;
    reads = withOfflineReads(online as Parameters<typeof withOfflineReads>[0], service);
  });
  afterEach(async () => {
    await cache.close();
    await cleanup();
  });

  it('answers live (unstamped) online and records what it read', async () => {
    const live = await reads['wallet.transactions']({ tenantId: TENANT });
    expect(live).toEqual({ data: backend.rows, next_cursor: null });
    service.detector.setManualOffline(true);
    const cached = await reads['wallet.transactions']({ tenantId: TENANT });
    expect(cached.data).toEqual(backend.rows);
    expect(cached.cached).toMatchObject({ complete: true });
    expect(backend.calls).toBe(1); // offline never asks the backend
  });

  it('falls back to the cache at once when the backend stops answering', async () => {
    await reads['wallet.transactions']({ tenantId: TENANT });
    backend.fail = unreachable();
    const answer = await reads['wallet.transactions']({ tenantId: TENANT });
    expect(answer.cached).toBeDefined();
    expect(answer.data).toHaveLength(5);
  });

  it('keeps the network error when nothing is cached, and never hides a real refusal', async () => {
    backend.fail = unreachable();
    await expect(reads['wallet.transactions']({ tenantId: TENANT })).rejects.toMatchObject({
      detail: { code: 'unreachable' },
    });
    backend.fail = null;
    await reads['wallet.transactions']({ tenantId: TENANT });
    backend.fail = new OperatorFailure({
      code: 'not_found',
      message: 'No such tenant.',
      status: 404,
      retryable: false,
    });
    await expect(reads['wallet.transactions']({ tenantId: TENANT })).rejects.toMatchObject({
      detail: { code: 'not_found' },
    });
  });

  it('caches cross-tenant admin lists only for tenants already cached (or the one asked for)', async () => {
    await reads['wallet.transactions']({ tenantId: TENANT });
    await reads['admin.workloads']({});
    await reads['admin.workloads']({ tenantId: 'ten_asked' });
    const profile = await cache.profile('prof-1');
    // Write-through runs in order behind the live answers.
    await vi.waitFor(() => expect(profile?.hasTenantData('ten_asked')).toBe(true));
    expect(profile?.hasTenantData('ten_stranger')).toBe(false);
    service.detector.setManualOffline(true);
    expect((await reads['admin.workloads']({ tenantId: TENANT })).data.map((w) => w.id)).toEqual([
      `wl_${TENANT}_1`,
    ]);
    await expect(reads['admin.workloads']({})).rejects.toMatchObject({ detail: { code: 'not_cached' } });
  });

  it('says plainly when the cache is off while offline', async () => {
    await cache.updateSettings({ enabled: false });
    service.detector.setManualOffline(true);
    await expect(reads['wallet.transactions']({ tenantId: TENANT })).rejects.toMatchObject({
      detail: { code: 'cache_off' },
    });
  });
});

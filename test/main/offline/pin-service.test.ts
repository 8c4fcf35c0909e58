import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OfflineCache } from '../../../main/core/cache/offline-cache';
import type { ProfileCache } from '../../../main/core/cache/profile-cache';
import { type PinProgress, pinTenant } from '../../../main/core/offline/pin-service';
import { FakeSealer, filesContaining, ManualClock, tempDir } from '../cache/support/fakes';
import { FakeBackend } from './support/fake-backend';

const TOKEN = 'mmo_live_tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const TENANT = 'ten_pin001';
const NAME = 'Quokka Quantum Labs';

describe('pin service', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let clock: ManualClock;
  let cache: OfflineCache;
  let profile: ProfileCache;
  let backend: FakeBackend;

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    clock = new ManualClock();
    cache = await OfflineCache.create({ root: dir, sealer: new FakeSealer(), now: clock.now });
    const p = await cache.profile('prof-1');
    if (!p) throw new Error('cache off');
    profile = p;
    backend = new FakeBackend(TENANT, NAME, 1050, TOKEN, 100);
  });
  afterEach(async () => {
    await cache.close();
    await cleanup();
  });

  it('downloads every page with progress, then serves the whole history offline', async () => {
    const progress: PinProgress[] = [];
    const result = await pinTenant(profile, backend, TENANT, { onProgress: (p) => progress.push(p) });
    expect(result).toMatchObject({
      transactionsFetched: 1050,
      transactionsCached: 1050,
      ledgerComplete: true,
      auditSkipped: false,
    });
    expect(result.sizeBytes).toBeGreaterThan(10_000);
    expect(backend.requests.filter((r) => r.startsWith('tx'))).toHaveLength(11);
    const ledgerProgress = progress
      .filter((p) => p.phase === 'transactions')
      .map((p) => p.transactionsCached);
    expect(ledgerProgress).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1050]);
    expect(progress.every((p) => p.transactionsTotal === 1050 || p.phase === 'tenant')).toBe(true);
    expect(progress.at(-1)?.phase).toBe('done');
    expect(profile.entryOf(TENANT)).toMatchObject({ pinned: true, ledgerComplete: true, transactions: 1050 });

    const page = await profile.transactions(TENANT, { limit: 500 });
    expect(page.data[0]?.seq).toBe(1050);
    expect(page.complete).toBe(true);
    expect((await profile.workloads(TENANT, {})).data).toHaveLength(2);
    expect((await profile.endpoints(TENANT, {})).data).toHaveLength(1);
    expect((await profile.audit(TENANT, {})).data).toHaveLength(1);
  });

  it('refresh fetches only what is new since the last cached transaction', async () => {
    await pinTenant(profile, backend, TENANT);
    backend.requests.length = 0;
    backend.append(30);
    clock.advance(3_600_000);
    const result = await pinTenant(profile, backend, TENANT);
    expect(backend.requests.filter((r) => r.startsWith('tx'))).toEqual(['tx top']);
    expect(result).toMatchObject({
      transactionsFetched: 100,
      transactionsCached: 1080,
      ledgerComplete: true,
    });
    const page = await profile.transactions(TENANT, { limit: 1 });
    expect(page.data[0]?.seq).toBe(1080);
    expect(page.asOf).toBe(clock.now().toISOString());

    // Nothing new: one page, nothing more.
    backend.requests.length = 0;
    await pinTenant(profile, backend, TENANT);
    expect(backend.requests.filter((r) => r.startsWith('tx'))).toEqual(['tx top']);
  });

  it('Cancel stops at once, keeps what was downloaded, and a second pin resumes where it stopped', async () => {
    const controller = new AbortController();
    backend.beforeRequest = (what) => {
      if (what === 'tx 651') controller.abort();
    };
    await expect(pinTenant(profile, backend, TENANT, { signal: controller.signal })).rejects.toMatchObject({
      detail: { code: 'cancelled' },
    });
    expect(profile.entryOf(TENANT)).toMatchObject({
      pinned: false,
      ledgerComplete: false,
      transactions: 400,
    });
    // The partial download was written to disk, not just kept in memory.
    await cache.close();
    cache = await OfflineCache.create({ root: dir, sealer: new FakeSealer(), now: clock.now });
    profile = (await cache.profile('prof-1')) as ProfileCache;
    expect((await profile.transactions(TENANT, { limit: 500 })).data).toHaveLength(400);

    backend.beforeRequest = () => {};
    backend.requests.length = 0;
    const result = await pinTenant(profile, backend, TENANT);
    expect(result).toMatchObject({ transactionsCached: 1050, ledgerComplete: true });
    // One page from the top to learn nothing is new, then straight to the saved cursor.
    expect(backend.requests.filter((r) => r.startsWith('tx'))).toEqual([
      'tx top',
      'tx 651',
      'tx 551',
      'tx 451',
      'tx 351',
      'tx 251',
      'tx 151',
      'tx 51',
    ]);
  });

  it('keeps progress across a failure mid-way and reports it', async () => {
    backend.beforeRequest = (what) => {
      if (what === 'tx 551') throw new Error('socket hang up');
    };
    await expect(pinTenant(profile, backend, TENANT)).rejects.toThrow('socket hang up');
    expect(profile.entryOf(TENANT)?.transactions).toBe(500);
  });

  it('skips the admin-only audit log for a support token instead of failing', async () => {
    backend.auditForbidden = true;
    const result = await pinTenant(profile, backend, TENANT);
    expect(result).toMatchObject({ ledgerComplete: true, auditSkipped: true });
  });

  it('never writes the token, and never the tenant id, name or a reason in clear', async () => {
    await pinTenant(profile, backend, TENANT, { checkpointEveryPages: 3 });
    await profile.recordTenantList([await backend.getTenant(TENANT, new AbortController().signal)]);
    await cache.flushAll();
    await cache.close();
    for (const needle of [TOKEN, TENANT, NAME, 'reason 17 for', 'Bearer']) {
      expect(await filesContaining(dir, needle), needle).toEqual([]);
    }
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OfflineCache } from '../../../main/core/cache/offline-cache';
import { type Core, composeCore } from '../../../main/core/compose';
import { exportDirDialog } from '../../../main/core/export/save-dialog';
import { openJsonFileStore } from '../../../main/core/platform/json-file-store';
import { LOCAL_SANDBOX_PROFILE_ID } from '../../../main/core/profiles/profile-repository';
import { disabledUpdateHandlers } from '../../../main/core/updates/update-handlers';
import { sessionOnlySealer } from '../../../main/core/vault/secret-sealer';
import type { ChannelName, ChannelRequest, ChannelResponse } from '../../../shared/ipc/contract';
import type { Envelope } from '../../../shared/ipc/envelope';
import { type SpawnedSandbox, spawnSandbox } from '../../sandbox/support/spawn-sandbox';
import { FakeSealer, filesContaining } from '../cache/support/fakes';
import { FakeTimers } from './support/fake-timers';

/**
 * The whole core (composeCore) with the offline layer, against a real sandbox
 * process: write-through, pin, manual and detected offline, cached answers
 * stamped, writes refused, CSV from the cache, back online.
 */
describe('core with the offline cache, against a real sandbox', () => {
  let sandbox: SpawnedSandbox;
  let core: Core;
  let dir: string;
  let timers: FakeTimers;
  let offlineCache: OfflineCache;
  const events: { name: string; payload: unknown }[] = [];
  const adminToken = `adm-${randomBytes(12).toString('hex')}`;
  /** Every request the core sent to the backend (API calls and probes). */
  let requests = 0;

  async function call<C extends ChannelName>(channel: C, args?: ChannelRequest<C>) {
    return (await core.dispatch(channel, args ?? {}, { trusted: true, description: 'test' })) as Envelope<
      ChannelResponse<C>
    >;
  }
  async function value<C extends ChannelName>(channel: C, args?: ChannelRequest<C>) {
    const envelope = await call(channel, args);
    if (!envelope.ok) throw new Error(`${channel}: ${JSON.stringify(envelope.error)}`);
    return envelope.value;
  }

  /**
   * Probes are real HTTP requests on fake timers: step fake time a little per
   * real poll, so a request has real time to finish before its fake timeout.
   */
  const until = (check: () => Promise<void>) =>
    vi.waitFor(
      async () => {
        await timers.advance(100);
        await check();
      },
      { timeout: 15_000, interval: 20 },
    );

  beforeAll(async () => {
    sandbox = await spawnSandbox({ seed: 'demo', clock: 'manual', adminToken });
    dir = mkdtempSync(join(tmpdir(), 'core-offline-'));
    timers = new FakeTimers(Date.now());
    offlineCache = await OfflineCache.create({
      root: join(dir, 'offline-cache'),
      sealer: new FakeSealer(),
      now: () => new Date(timers.now()),
    });
    const opened = openJsonFileStore(join(dir, 'settings.json'));
    core = composeCore({
      appInfo: { version: '0.0.0-test', platform: 'linux', runtime: 'web' },
      store: opened.store,
      sealer: sessionOnlySealer,
      sessionOnlyReason: 'test: session only',
      dataDir: dir,
      saveDialog: exportDirDialog(join(dir, 'exports')),
      localSandboxUrl: sandbox.url,
      presetTokens: { [LOCAL_SANDBOX_PROFILE_ID]: adminToken },
      sleep: async () => {},
      fetch: (input, init) => {
        requests++;
        return fetch(input, init);
      },
      extraHandlers: disabledUpdateHandlers('test', '0.0.0-test'),
      offline: { cache: offlineCache, timers },
    });
    core.events.subscribe((name, payload) => events.push({ name, payload }));
    await core.start();
  });
  afterAll(async () => {
    await sandbox?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("wipes a profile's cached data when the profile is deleted", async () => {
    const other = await value('connection.saveProfile', {
      name: 'Second view of the sandbox',
      baseUrl: sandbox.url,
      expectedKind: 'sandbox',
      color: '#336699',
      allowInsecureHttp: false,
    });
    await value('connection.setToken', { profileId: other.id, token: adminToken });
    await value('connection.activate', { profileId: other.id });
    const tenants = await value('tenants.list', { limit: 5 });
    const first = tenants.data[0];
    if (!first) throw new Error('no tenants');
    await value('wallet.transactions', { tenantId: first.id });
    await vi.waitFor(async () => expect((await value('cache.list')).tenants.length).toBeGreaterThan(0));
    await timers.advance(2000); // the write-through flush
    await vi.waitFor(() => expect(readdirSync(join(dir, 'offline-cache', 'profiles'))).toHaveLength(1));

    await value('connection.activate', { profileId: LOCAL_SANDBOX_PROFILE_ID });
    await value('connection.deleteProfile', { profileId: other.id });
    await vi.waitFor(() => expect(readdirSync(join(dir, 'offline-cache', 'profiles'))).toHaveLength(0));
  });

  it('pins a tenant, goes offline, serves stamped cached data, refuses writes, and comes back', async () => {
    expect((await value('connection.status')).state).toBe('connected');
    const tenants = await value('tenants.list', { limit: 100 });
    expect(tenants.cached).toBeUndefined();
    const tenant = tenants.data.find((t) => t.wallet.version > 3) ?? tenants.data[0];
    if (!tenant) throw new Error('demo seed has no tenants');
    const live = await value('wallet.transactions', { tenantId: tenant.id, limit: 500 });
    const liveWorkloads = await value('workloads.list', { tenantId: tenant.id });
    const liveEndpoints = await value('endpoints.list', { tenantId: tenant.id });

    const pinned = await value('cache.pin', { tenantId: tenant.id });
    expect(pinned).toMatchObject({
      tenantId: tenant.id,
      ledgerComplete: true,
      transactionsCached: tenant.wallet.version,
    });
    expect(events.some((e) => e.name === 'cache.progress')).toBe(true);
    const list = await value('cache.list');
    expect(list.tenants.find((e) => e.tenantId === tenant.id)).toMatchObject({
      pinned: true,
      name: tenant.name,
    });

    // Manual "Work offline".
    const view = await value('offline.set', { offline: true });
    expect(view).toMatchObject({ mode: 'offline', reason: 'manual', profileName: 'Local sandbox' });
    expect(view.lastSyncAt).not.toBeNull();
    const status = await value('connection.status');
    expect(status).toMatchObject({
      canWrite: false,
      writeBlockedReason: expect.stringMatching(/^Offline: mutations are never queued/),
    });
    await vi.waitFor(() => expect(events.some((e) => e.name === 'offline.changed')).toBe(true));
    const refused = await call('mutations.preview', {
      operation: 'wallet.adjust',
      payload: { tenantId: tenant.id, kind: 'top_up', amount: '1', reason: 'offline test' },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'writes_blocked', message: expect.stringMatching(/^Offline/) },
    });

    const sentBefore = requests;
    const cached = await value('wallet.transactions', { tenantId: tenant.id, limit: 500 });
    expect(cached.data).toEqual(live.data);
    expect(cached.cached).toMatchObject({ complete: true });
    const cachedWorkloads = await value('workloads.list', { tenantId: tenant.id });
    expect(cachedWorkloads.data.map((w) => w.id).sort()).toEqual(liveWorkloads.data.map((w) => w.id).sort());
    expect(cachedWorkloads.cached?.asOf).toBeDefined();
    const cachedEndpoints = await value('endpoints.list', { tenantId: tenant.id });
    expect(cachedEndpoints.data).toEqual(liveEndpoints.data);
    const search = await value('tenants.list', { q: tenant.name.slice(0, 4) });
    expect(search.data.map((t) => t.id)).toContain(tenant.id);
    expect(search.cached).toBeDefined();
    const exported = await value('wallet.exportCsv', { tenantId: tenant.id });
    expect(exported).toMatchObject({ saved: true, rows: tenant.wallet.version });
    expect(readFileSync(exported.path ?? '', 'utf8').split('\n').length).toBe(tenant.wallet.version + 2);
    expect(requests).toBe(sentBefore); // nothing was asked of the backend while offline

    // Back online, when the operator says so.
    await until(async () => expect((await value('offline.status')).onlineAvailable).toBe(true));
    const back = await value('offline.set', { offline: false });
    expect(back.mode).toBe('online');
    expect((await value('connection.status')).canWrite).toBe(true);
    expect((await value('wallet.transactions', { tenantId: tenant.id })).cached).toBeUndefined();

    // The backend goes away: the read that notices answers from the cache, and the detector confirms.
    await sandbox.stop();
    const during = await value('wallet.transactions', { tenantId: tenant.id, limit: 10 });
    expect(during.cached).toBeDefined();
    expect(during.data).toEqual(live.data.slice(0, 10));
    await until(async () =>
      expect(await value('offline.status')).toMatchObject({ mode: 'offline', reason: 'unreachable' }),
    );
    expect((await value('connection.status')).canWrite).toBe(false);

    await offlineCache.flushAll();
    expect(await filesContaining(join(dir, 'offline-cache'), adminToken)).toEqual([]);
    expect(await filesContaining(join(dir, 'offline-cache'), tenant.name)).toEqual([]);
    expect(await filesContaining(join(dir, 'offline-cache'), tenant.id)).toEqual([]);
  });
});

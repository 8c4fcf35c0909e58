import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OfflineCache } from '../../../main/core/cache/offline-cache';
import type { DamageReport } from '../../../main/core/cache/types';
import {
  auditEntry,
  endpoint,
  FakeSealer,
  filesContaining,
  filesUnder,
  ledger,
  ManualClock,
  tempDir,
  tenant,
  workload,
} from './support/fakes';

const TENANT_ID = 'ten_cafe01';
const TENANT_NAME = 'Zanzibar Orbital Freight';
const SECRET_REASON = 'refund for invoice QX-7731-unique';

describe('offline cache store (real sql.js, real files)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let clock: ManualClock;
  let sealer: FakeSealer;
  let damaged: DamageReport[];

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    clock = new ManualClock();
    sealer = new FakeSealer('os');
    damaged = [];
  });
  afterEach(async () => cleanup());

  async function openCache() {
    return OfflineCache.create({ root: dir, sealer, now: clock.now, onDamaged: (r) => damaged.push(r) });
  }

  async function seeded() {
    const cache = await openCache();
    const profile = await cache.profile('prof-1');
    if (!profile) throw new Error('cache off');
    profile.recordTenantList([tenant(TENANT_ID, TENANT_NAME, 120), tenant('ten_other', 'Other Co', 3)]);
    await profile.recordTenant(tenant(TENANT_ID, TENANT_NAME, 120));
    const rows = ledger(TENANT_ID, 120, (seq) => (seq === 7 ? SECRET_REASON : `reason ${seq}`));
    for (let i = 0; i < rows.length; i += 50) {
      await profile.recordLedgerPage(
        TENANT_ID,
        { data: rows.slice(i, i + 50), next_cursor: i + 50 < rows.length ? `c${i}` : null },
        i === 0,
      );
    }
    await profile.recordWorkloads(TENANT_ID, [
      workload(TENANT_ID, 1),
      workload(TENANT_ID, 2),
      workload(TENANT_ID, 3),
    ]);
    await profile.recordEndpoints(TENANT_ID, [
      endpoint(TENANT_ID, 1),
      endpoint(TENANT_ID, 2),
      endpoint(TENANT_ID, 3),
    ]);
    await profile.recordAudit(TENANT_ID, [auditEntry(TENANT_ID, 1, SECRET_REASON)]);
    await profile.flush();
    return { cache, profile };
  }

  it('answers with the online page shapes and filters, stamped as-of, after a restart', async () => {
    const { cache } = await seeded();
    await cache.close();
    clock.advance(60_000);
    const reopened = await openCache();
    const profile = await reopened.profile('prof-1');
    if (!profile) throw new Error('cache off');

    const first = await profile.transactions(TENANT_ID, { limit: 25 });
    expect(first.data.map((t) => t.seq)).toEqual(Array.from({ length: 25 }, (_, i) => 120 - i));
    expect(first.asOf).toBe('2026-03-01T12:00:00.000Z');
    expect(first.complete).toBe(true);
    const second = await profile.transactions(TENANT_ID, { limit: 25, cursor: first.next_cursor ?? '' });
    expect(second.data[0]?.seq).toBe(95);
    expect(second.data[0]).toEqual(ledger(TENANT_ID, 120).find((t) => t.seq === 95));

    const topUps = await profile.transactions(TENANT_ID, { type: 'top_up', limit: 500 });
    expect(topUps.data.length).toBe(24);
    expect(topUps.data.every((t) => t.type === 'top_up')).toBe(true);
    const search = await profile.transactions(TENANT_ID, { q: 'qx-7731' });
    expect(search.data.map((t) => t.seq)).toEqual([7]);
    const byId = await profile.transactions(TENANT_ID, { q: `TXN_${TENANT_ID}_000042`.toUpperCase() });
    expect(byId.data.map((t) => t.seq)).toEqual([42]);
    const range = await profile.transactions(TENANT_ID, {
      since: '2026-01-01T01:00:00+01:00', // = 00:00Z: offsets are normalised
      until: '2026-01-01T00:05:00.000Z',
    });
    expect(range.data.map((t) => t.seq)).toEqual([4, 3, 2, 1]);

    const wl = await profile.workloads(TENANT_ID, { status: 'succeeded' });
    expect(wl.data.map((w) => w.id)).toEqual([`wl_${TENANT_ID}_3`, `wl_${TENANT_ID}_1`]);
    expect(wl.data[0]?.events.length).toBe(2);
    const unreconciled = await profile.workloads(TENANT_ID, { reconciled: 'false', limit: 1 });
    expect(unreconciled.data.map((w) => w.id)).toEqual([`wl_${TENANT_ID}_3`]);
    const next = await profile.workloads(TENANT_ID, {
      reconciled: 'false',
      limit: 1,
      cursor: unreconciled.next_cursor ?? '',
    });
    expect(next.data.map((w) => w.id)).toEqual([`wl_${TENANT_ID}_2`]);
    expect((await profile.workload(`wl_${TENANT_ID}_2`)).item.name).toBe('train-2.ipynb');

    const eps = await profile.endpoints(TENANT_ID, { status: 'active' });
    expect(eps.data.map((e) => e.id)).toEqual([`ep_${TENANT_ID}_1`, `ep_${TENANT_ID}_2`]);
    expect((await profile.endpoint(`ep_${TENANT_ID}_3`)).item.status).toBe('depleted_grace');
    expect((await profile.audit(TENANT_ID, {})).data).toHaveLength(1);

    const tenants = profile.tenants({ q: 'zanzibar' });
    expect(tenants.data.map((t) => t.id)).toEqual([TENANT_ID]);
    expect(profile.tenants({}).data.map((t) => t.name)).toEqual(['Other Co', TENANT_NAME]);
    expect(damaged).toEqual([]);
    await reopened.close();
  });

  it('refuses what was never cached, and cursors from another list', async () => {
    const { cache, profile } = await seeded();
    await expect(profile.transactions('ten_other', {})).rejects.toMatchObject({
      detail: { code: 'not_cached' },
    });
    await expect(profile.workload('wl_nope')).rejects.toMatchObject({ detail: { code: 'not_cached' } });
    const online = Buffer.from(JSON.stringify({ l: 'tenant-transactions', k: ['5'] })).toString('base64url');
    await expect(profile.transactions(TENANT_ID, { cursor: online })).rejects.toMatchObject({
      detail: { code: 'invalid_cursor' },
    });
    await cache.close();
  });

  it('writes no tenant id, name or reason in clear, in any file or file name', async () => {
    const { cache } = await seeded();
    await cache.close();
    const files = await filesUnder(dir);
    expect(files.length).toBeGreaterThanOrEqual(3); // sealed key, index, tenant
    for (const needle of [
      TENANT_ID,
      TENANT_NAME,
      SECRET_REASON,
      'Other Co',
      'ten_other',
      'train-2.ipynb',
      'endpoint-1',
    ]) {
      expect(await filesContaining(dir, needle), needle).toEqual([]);
    }
    // And nothing in the cache is SQLite in clear.
    for (const file of files) expect(file.bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
  });

  it('detects a flipped byte in a tenant file: quarantined, reported, never shown, refetchable', async () => {
    const { cache } = await seeded();
    await cache.close();
    const profileDir = join(dir, 'profiles', (await cache.profileDirs())[0] ?? '');
    const tenantFile = (await readdir(profileDir)).find((n) => n.endsWith('.mmc') && n !== 'index.mmc') ?? '';
    const bytes = await readFile(join(profileDir, tenantFile));
    const at = Math.floor(bytes.length / 2);
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at);
    await writeFile(join(profileDir, tenantFile), bytes);

    const reopened = await openCache();
    const profile = await reopened.profile('prof-1');
    if (!profile) throw new Error('cache off');
    await expect(profile.transactions(TENANT_ID, {})).rejects.toMatchObject({
      detail: { code: 'not_cached' },
    });
    expect(damaged).toEqual([
      expect.objectContaining({ profileId: 'prof-1', tenantId: TENANT_ID, reason: 'authentication' }),
    ]);
    expect(await readdir(join(profileDir, 'quarantine'))).toHaveLength(1);
    expect(profile.entryOf(TENANT_ID)?.damagedAt).not.toBeNull();
    // Refetching writes a fresh, good file.
    await profile.recordLedgerPage(TENANT_ID, { data: ledger(TENANT_ID, 3), next_cursor: null }, true);
    await profile.flush();
    expect((await profile.transactions(TENANT_ID, {})).data).toHaveLength(3);
    expect(profile.entryOf(TENANT_ID)?.damagedAt).toBeNull();
    await reopened.close();
  });

  it('detects tampering with the clear header (schema number) and a file swapped between tenants', async () => {
    const { cache, profile } = await seeded();
    await profile.recordLedgerPage('ten_other', { data: ledger('ten_other', 3), next_cursor: null }, true);
    await cache.close();
    const profileDir = join(dir, 'profiles', (await cache.profileDirs())[0] ?? '');
    const names = (await readdir(profileDir)).filter((n) => n.endsWith('.mmc') && n !== 'index.mmc');
    expect(names).toHaveLength(2);
    const [a = '', b = ''] = names;
    // Copy one tenant's (authentic) file over the other's.
    await writeFile(join(profileDir, b), await readFile(join(profileDir, a)));
    // And bump the schema number in the clear header of the index.
    const index = await readFile(join(profileDir, 'index.mmc'));
    index.writeUInt16BE(9, 6);
    await writeFile(join(profileDir, 'index.mmc'), index);

    const reopened = await openCache();
    const p = await reopened.profile('prof-1');
    if (!p) throw new Error('cache off');
    // The index failed authentication and was rebuilt from the tenant files; rebuilding
    // opened the swapped file, whose name (bound as AAD) no longer matches: refused too.
    expect(damaged.map((d) => d.reason).sort()).toEqual(['authentication', 'authentication']);
    expect(damaged.filter((d) => d.tenantId === null)).toHaveLength(2);
    const reads = await Promise.allSettled([p.transactions(TENANT_ID, {}), p.transactions('ten_other', {})]);
    expect(reads.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    await reopened.close();
  });

  it('survives a garbage or truncated file, and a foreign file in the folder, without throwing', async () => {
    const { cache } = await seeded();
    await cache.close();
    const profileDir = join(dir, 'profiles', (await cache.profileDirs())[0] ?? '');
    const tenantFile = (await readdir(profileDir)).find((n) => n.endsWith('.mmc') && n !== 'index.mmc') ?? '';
    const bytes = await readFile(join(profileDir, tenantFile));
    await writeFile(join(profileDir, tenantFile), bytes.subarray(0, 10));
    await writeFile(
      join(profileDir, 'index.mmc'),
      'not ours at all, but long enough to have a header and a tag',
    );
    const reopened = await openCache();
    const p = await reopened.profile('prof-1');
    if (!p) throw new Error('cache off');
    await expect(p.transactions(TENANT_ID, {})).rejects.toMatchObject({ detail: { code: 'not_cached' } });
    expect(damaged.map((d) => d.reason).sort()).toEqual(['not_ours', 'truncated']);
    await reopened.close();
  });

  it('keeps profiles apart and wipes one when the profile is deleted', async () => {
    const { cache, profile } = await seeded();
    const other = await cache.profile('prof-2');
    if (!other) throw new Error('cache off');
    await other.recordLedgerPage(TENANT_ID, { data: ledger(TENANT_ID, 2), next_cursor: null }, true);
    await other.flush();
    expect((await other.transactions(TENANT_ID, {})).data).toHaveLength(2);
    expect((await profile.transactions(TENANT_ID, {})).data).toHaveLength(50);
    expect(await cache.profileDirs()).toHaveLength(2);
    await cache.wipeProfile('prof-1');
    expect(await cache.profileDirs()).toHaveLength(1);
    const again = await cache.profile('prof-1');
    await expect(again?.transactions(TENANT_ID, {})).rejects.toMatchObject({
      detail: { code: 'not_cached' },
    });
    expect((await other.transactions(TENANT_ID, {})).data).toHaveLength(2);
    await cache.close();
  });

  it('purges one tenant, purges by expiry (default 30 days, configurable), and reports sizes', async () => {
    const { cache, profile } = await seeded();
    await profile.recordLedgerPage('ten_other', { data: ledger('ten_other', 3), next_cursor: null }, true);
    await profile.flush();
    const entries = profile.list();
    const mine = entries.find((e) => e.tenantId === TENANT_ID);
    expect(mine?.sizeBytes).toBeGreaterThan(1000);
    expect(mine?.transactions).toBe(120);
    expect(mine?.ledgerComplete).toBe(true);
    expect(profile.totalBytes()).toBe(entries.reduce((s, e) => s + e.sizeBytes, 0));

    await profile.purgeTenant('ten_other');
    expect(profile.entryOf('ten_other')).toBeNull();
    await expect(profile.transactions('ten_other', {})).rejects.toMatchObject({
      detail: { code: 'not_cached' },
    });

    clock.advance(29 * 86_400_000);
    expect(await cache.sweepExpired()).toEqual([]);
    clock.advance(2 * 86_400_000);
    expect(await cache.sweepExpired()).toEqual([{ profileId: 'prof-1', tenantIds: [TENANT_ID] }]);
    await expect(profile.transactions(TENANT_ID, {})).rejects.toMatchObject({
      detail: { code: 'not_cached' },
    });

    await cache.updateSettings({ expiryDays: 7 });
    await expect(cache.updateSettings({ expiryDays: 0 })).rejects.toMatchObject({
      detail: { code: 'validation_failed' },
    });
    expect(cache.settings().expiryDays).toBe(7);
    await cache.close();
  });

  it('compacts a database filled newest first to about half its size, keeping every row', async () => {
    const cache = await openCache();
    const profile = await cache.profile('prof-1');
    if (!profile) throw new Error('cache off');
    const rows = ledger(TENANT_ID, 6000);
    for (let i = 0; i < rows.length; i += 500) {
      await profile.recordLedgerPage(TENANT_ID, { data: rows.slice(i, i + 500), next_cursor: null }, i === 0);
    }
    await profile.flush();
    const before = profile.entryOf(TENANT_ID)?.sizeBytes ?? 0;
    await profile.compact(TENANT_ID);
    await profile.flush();
    const after = profile.entryOf(TENANT_ID)?.sizeBytes ?? 0;
    expect(after).toBeLessThan(before * 0.7);
    expect(profile.entryOf(TENANT_ID)?.transactions).toBe(6000);
    expect((await profile.transactions(TENANT_ID, { type: 'top_up', limit: 500 })).data).toHaveLength(500);
    await cache.close();
  });

  it('purges expired data when a profile is opened, before anything reads it', async () => {
    const { cache } = await seeded();
    await cache.close();
    clock.advance(31 * 86_400_000);
    const reopened = await openCache();
    const p = await reopened.profile('prof-1');
    expect(p?.list()).toEqual([]);
    await reopened.close();
  });

  it('stays off without a real keyring unless the operator opts in, and wipes itself when turned off', async () => {
    sealer.level = 'weak';
    const cache = await openCache();
    expect(cache.status()).toMatchObject({ state: 'off', reason: 'no_keyring', protection: 'weak' });
    expect(cache.status().warning).toMatch(/no OS keyring/);
    expect(await cache.profile('prof-1')).toBeNull();

    const on = await cache.updateSettings({ allowWeakKeyProtection: true });
    expect(on).toMatchObject({ state: 'on', protection: 'weak' });
    expect(on.warning).toMatch(/obfuscated/);
    const p = await cache.profile('prof-1');
    await p?.recordLedgerPage(TENANT_ID, { data: ledger(TENANT_ID, 2), next_cursor: null }, true);
    await p?.flush();
    expect((await filesUnder(dir)).length).toBeGreaterThan(2);

    const off = await cache.updateSettings({ enabled: false });
    expect(off).toMatchObject({ state: 'off', reason: 'disabled' });
    expect((await filesUnder(dir)).map((f) => f.path.slice(dir.length))).toEqual(['/cache-settings.json']);

    sealer.level = 'unavailable';
    expect(cache.status()).toMatchObject({ state: 'off', reason: 'encryption_unavailable' });
  });

  it('starts over (and says so) when the sealed key no longer opens', async () => {
    const { cache } = await seeded();
    await cache.close();
    sealer.generation += 1;
    const reopened = await openCache();
    const p = await reopened.profile('prof-1');
    expect(p?.list()).toEqual([]);
    expect(damaged).toEqual([expect.objectContaining({ reason: 'key_unreadable' })]);
    await reopened.close();
  });
});

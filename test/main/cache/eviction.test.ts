import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WriteHooks } from '../../../main/core/cache/atomic-file';
import { ProfileCache } from '../../../main/core/cache/profile-cache';
import { loadSqlJs } from '../../../main/core/cache/sqljs';
import { ledger, ManualClock, tempDir, tenant, transaction } from './support/fakes';

/** Holds the first write whose file name starts with `prefix` just before its rename, until released. */
function renameGate(prefix: string): { hooks: WriteHooks; paused: Promise<void>; release: () => void } {
  let pause = (): void => undefined;
  let release = (): void => undefined;
  const paused = new Promise<void>((resolve) => {
    pause = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let armed = true;
  const beforeRename = (tempPath: string) => {
    if (!armed || !basename(tempPath).startsWith(prefix)) return;
    armed = false;
    pause();
    return released;
  };
  return { hooks: { beforeRename }, paused, release };
}

/** Waits (turn by turn of the event loop, never by the clock) until the cache has reached a state. */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; !condition(); turn++) {
    if (turn > 10_000) throw new Error('condition never met');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('tenant databases kept in memory (LRU)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(async () => cleanup());

  const openCache = async (hooks?: WriteHooks) =>
    ProfileCache.open({
      dir,
      profileId: 'prof-1',
      key: randomBytes(32),
      tenantFileName: (tenantId) => `t-${tenantId}`,
      sql: await loadSqlJs(),
      now: new ManualClock().now,
      maxOpen: 1,
      ...(hooks ? { hooks } : {}),
    });

  it('evicts the least recently used database after saving it, and reads it back on demand', async () => {
    const cache = await openCache();
    // Writes to three tenants, interleaved with flushes that may still be running when one is evicted.
    const writes = ['ten_a', 'ten_b', 'ten_c'].map(async (tenantId, i) => {
      await cache.recordLedgerPage(tenantId, { data: ledger(tenantId, 10 + i), next_cursor: null }, true);
      await cache.flush();
    });
    await Promise.all(writes);
    await cache.flush();
    for (const [i, tenantId] of ['ten_a', 'ten_b', 'ten_c', 'ten_a'].entries()) {
      const page = await cache.transactions(tenantId, { limit: 100 });
      expect(page.data, tenantId).toHaveLength(10 + (i % 3));
    }
    expect(cache.list().map((e) => [e.tenantId, e.transactions])).toEqual([
      ['ten_a', 10],
      ['ten_b', 11],
      ['ten_c', 12],
    ]);
    await cache.close();
  });

  it('lists tenants by name (else id), not in the order their first records happened to land', async () => {
    const cache = await openCache();
    for (const tenantId of ['ten_c', 'ten_a', 'ten_b'])
      await cache.recordLedgerPage(tenantId, { data: ledger(tenantId, 2), next_cursor: null }, true);
    cache.recordTenantList([tenant('ten_z', 'Acme')]);
    await cache.flush();
    expect(cache.list().map((e) => e.tenantId)).toEqual(['ten_z', 'ten_a', 'ten_b', 'ten_c']);
    await cache.close();
  });

  it('keeps a database open while its write is in flight, so new rows are not saved over the old file', async () => {
    const gate = renameGate('t-ten_a.');
    const cache = await openCache(gate.hooks);
    await cache.recordLedgerPage('ten_a', { data: ledger('ten_a', 10), next_cursor: null }, true);
    const saving = cache.flush();
    await gate.paused; // ten_a's 10 rows are sealed and in a temp file; the file itself does not exist yet
    // Opening ten_b goes over maxOpen; ten_a is the least recently used and no longer marked dirty.
    const b = cache.recordLedgerPage('ten_b', { data: ledger('ten_b', 5), next_cursor: null }, true);
    await until(() => cache.hasTenantData('ten_b'));
    // Had ten_a been evicted, this would reopen it from disk (no file yet: an empty database).
    const a = cache.recordTransactions('ten_a', [transaction('ten_a', 11)]);
    await until(() => cache.hasTenantData('ten_a'));
    gate.release();
    await Promise.all([saving, a, b]);
    await cache.flush();
    expect((await cache.transactions('ten_a', { limit: 100 })).data).toHaveLength(11);
    expect(cache.list().map((e) => [e.tenantId, e.transactions])).toEqual([
      ['ten_a', 11],
      ['ten_b', 5],
    ]);
    await cache.close();
  });

  it('never closes a database a caller is about to use, when evictions resume after a slow flush', async () => {
    const gate = renameGate('index.');
    const cache = await openCache(gate.hooks);
    cache.recordTenantList([]);
    const busy = cache.flush();
    await gate.paused; // the index write holds the flush queue: every eviction that must flush waits
    await cache.recordLedgerPage('ten_a', { data: ledger('ten_a', 10), next_cursor: null }, true);
    const writes = ['ten_b', 'ten_c'].map((tenantId, i) =>
      cache.recordLedgerPage(tenantId, { data: ledger(tenantId, 11 + i), next_cursor: null }, true),
    );
    await until(() => cache.hasTenantData('ten_b') && cache.hasTenantData('ten_c'));
    gate.release();
    await Promise.all([busy, ...writes]);
    await cache.flush();
    expect(cache.list().map((e) => [e.tenantId, e.transactions])).toEqual([
      ['ten_a', 10],
      ['ten_b', 11],
      ['ten_c', 12],
    ]);
    for (const [i, tenantId] of ['ten_a', 'ten_b', 'ten_c'].entries())
      expect((await cache.transactions(tenantId, { limit: 100 })).data, tenantId).toHaveLength(10 + i);
    await cache.close();
  });
});

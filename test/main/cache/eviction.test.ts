import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProfileCache } from '../../../main/core/cache/profile-cache';
import { loadSqlJs } from '../../../main/core/cache/sqljs';
import { ledger, ManualClock, tempDir } from './support/fakes';

describe('tenant databases kept in memory (LRU)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(async () => cleanup());

  it('evicts the least recently used database after saving it, and reads it back on demand', async () => {
    const cache = await ProfileCache.open({
      dir,
      profileId: 'prof-1',
      key: randomBytes(32),
      tenantFileName: (tenantId) => `t-${tenantId}`,
      sql: await loadSqlJs(),
      now: new ManualClock().now,
      maxOpen: 1,
    });
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
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OfflineCache } from '../../../main/core/cache/offline-cache';
import { FakeSealer, ledger, ManualClock, tempDir } from './support/fakes';

const TENANT_ID = 'ten_cafe02';

// Re-reading cached ledger pages skips rows whose values are unchanged; anything that differs is still
// replaced, so the result is the same as writing every row again.
describe('ledger write-through of pages already cached', () => {
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(async () => cleanup());

  async function profile() {
    const cache = await OfflineCache.create({
      root: dir,
      sealer: new FakeSealer('os'),
      now: new ManualClock().now,
    });
    const p = await cache.profile('prof-1');
    if (!p) throw new Error('cache off');
    return p;
  }

  it('keeps identical rows, replaces changed ones and adds new ones', async () => {
    const p = await profile();
    const first = ledger(TENANT_ID, 40);
    await p.recordLedgerPage(TENANT_ID, { data: first.slice(0, 20), next_cursor: 'c1' }, true);
    await p.recordLedgerPage(TENANT_ID, { data: first, next_cursor: null }, true);

    const changed = ledger(TENANT_ID, 41, (seq) => (seq % 10 === 0 ? `corrected ${seq}` : `reason ${seq}`));
    await p.recordLedgerPage(TENANT_ID, { data: changed, next_cursor: null }, true);

    const page = await p.transactions(TENANT_ID, { limit: 100 });
    expect(page.data).toHaveLength(41);
    const bySeq = new Map(page.data.map((t) => [t.seq, t]));
    for (const t of changed)
      expect(bySeq.get(t.seq)).toMatchObject({ id: t.id, reason: t.reason, amount: t.amount });
    expect(bySeq.get(30)?.reason).toBe('corrected 30');
    expect(page.complete).toBe(true);
  });

  it('an identical page again changes nothing', async () => {
    const p = await profile();
    const rows = ledger(TENANT_ID, 30);
    await p.recordLedgerPage(TENANT_ID, { data: rows, next_cursor: null }, true);
    const before = await p.transactions(TENANT_ID, { limit: 100 });
    await p.recordLedgerPage(TENANT_ID, { data: rows, next_cursor: null }, true);
    const after = await p.transactions(TENANT_ID, { limit: 100 });
    expect(after.data).toEqual(before.data);
  });
});

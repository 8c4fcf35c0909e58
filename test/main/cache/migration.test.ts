import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileKind, peekHeader, seal } from '../../../main/core/cache/envelope';
import { loadOrCreateKey } from '../../../main/core/cache/key-store';
import { OfflineCache } from '../../../main/core/cache/offline-cache';
import { V1_DDL } from '../../../main/core/cache/schema';
import { loadSqlJs } from '../../../main/core/cache/sqljs';
import type { DamageReport } from '../../../main/core/cache/types';
import { endpoint, FakeSealer, ManualClock, tempDir, tenant, transaction, workload } from './support/fakes';

const TENANT = 'ten_legacy';
const PROFILE = 'prof-1';

/**
 * Fixture: a tenant file exactly as the first release (schema v1) wrote it:
 * v1 tables, v1 header, sealed with the profile's key, without the index
 * (so opening also exercises the index rebuild).
 */
async function writeV1Fixture(root: string, sealer: FakeSealer, schemaInHeader = 1): Promise<string> {
  const load = await loadOrCreateKey(root, sealer);
  if (!load.ok) throw new Error('no key');
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.exec(V1_DDL);
  db.run('INSERT INTO meta (key, value) VALUES (?, ?), (?, ?), (?, ?), (?, ?)', [
    'tenant_id',
    TENANT,
    'tenant',
    JSON.stringify(tenant(TENANT, 'Legacy Ltd', 30)),
    'as_of',
    JSON.stringify({
      tenant: '2026-02-20T00:00:00.000Z',
      transactions: '2026-02-20T00:00:00.000Z',
      workloads: '2026-02-20T00:00:00.000Z',
      endpoints: '2026-02-20T00:00:00.000Z',
    }),
    'ledger_coverage',
    JSON.stringify({ highSeq: 30, lowSeq: 1, tailCursor: null, complete: true }),
  ]);
  for (let seq = 1; seq <= 30; seq++) {
    const t = transaction(TENANT, seq);
    db.run('INSERT INTO transactions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)', [
      t.seq,
      t.id,
      t.type,
      t.amount,
      t.balance_after,
      t.reason,
      t.actor,
      t.workload_id,
      t.endpoint_id,
      t.window_start,
      t.window_end,
      t.idempotency_key,
      t.created_at,
    ]);
  }
  const w = workload(TENANT, 1);
  db.run('INSERT INTO workloads VALUES (?,?,?,?,?)', [w.id, w.status, 1, w.created_at, JSON.stringify(w)]);
  const e = endpoint(TENANT, 1);
  db.run('INSERT INTO endpoints VALUES (?,?,?,?)', [e.id, e.status, e.created_at, JSON.stringify(e)]);
  const bytes = db.export();
  db.close();
  const dir = join(root, 'profiles', load.keys.name('profile', PROFILE));
  await mkdir(dir, { recursive: true });
  const base = load.keys.name('tenant', PROFILE, TENANT);
  const file = seal(
    load.keys.encryptionKey(PROFILE),
    base,
    { kind: FileKind.tenant, schemaVersion: schemaInHeader },
    bytes,
  );
  await writeFile(join(dir, `${base}.mmc`), file);
  return join(dir, `${base}.mmc`);
}

describe('cache schema migrations', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let damaged: DamageReport[];
  const sealer = new FakeSealer();
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    damaged = [];
  });
  afterEach(async () => cleanup());

  const open = () =>
    OfflineCache.create({
      root: dir,
      sealer,
      now: new ManualClock(Date.parse('2026-03-01T00:00:00.000Z')).now,
      onDamaged: (r) => damaged.push(r),
    });

  it('opens a v1 file, migrates it to v2 in place, keeps its data and writes it back as v2', async () => {
    const path = await writeV1Fixture(dir, sealer);
    expect(peekHeader(await readFile(path)).schemaVersion).toBe(1);

    const cache = await open();
    const profile = await cache.profile(PROFILE);
    if (!profile) throw new Error('cache off');
    // The index was rebuilt from the file.
    expect(profile.entryOf(TENANT)).toMatchObject({ transactions: 30, ledgerComplete: true });
    const topUps = await profile.transactions(TENANT, { type: 'top_up' });
    expect(topUps.data.map((t) => t.seq)).toEqual([30, 25, 20, 15, 10, 5]);
    expect(topUps.asOf).toBe('2026-02-20T00:00:00.000Z');
    expect((await profile.workloads(TENANT, {})).data).toHaveLength(1);
    // v2's audit table exists and works.
    await profile.recordAudit(TENANT, []);
    expect((await profile.audit(TENANT, {})).data).toEqual([]);
    await profile.flush();
    expect(peekHeader(await readFile(path)).schemaVersion).toBe(2);
    await cache.close();

    const again = await open();
    expect((await (await again.profile(PROFILE))?.transactions(TENANT, { limit: 100 }))?.data).toHaveLength(
      30,
    );
    expect(damaged).toEqual([]);
    await again.close();
  });

  it('does not open a file from a newer app (schema above ours): set aside and reported, not shown', async () => {
    await writeV1Fixture(dir, sealer, 99);
    const cache = await open();
    const profile = await cache.profile(PROFILE);
    expect(profile?.list()).toEqual([]);
    expect(damaged.map((d) => d.reason)).toEqual(['newer_schema']);
    const profileDir = join(dir, 'profiles', (await cache.profileDirs())[0] ?? '');
    expect(await readdir(join(profileDir, 'quarantine'))).toHaveLength(1);
    await cache.close();
  });
});

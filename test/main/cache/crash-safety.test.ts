import { spawn } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OfflineCache } from '../../../main/core/cache/offline-cache';
import type { DamageReport } from '../../../main/core/cache/types';
import { FakeSealer, ledger, ManualClock, tempDir } from './support/fakes';

const TENANT = 'ten_crash1';

describe('a crash in the middle of a write leaves the previous cache usable', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let damaged: DamageReport[];
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    damaged = [];
  });
  afterEach(async () => cleanup());

  const open = (hooks = {}) =>
    OfflineCache.create({
      root: dir,
      sealer: new FakeSealer(),
      now: new ManualClock().now,
      hooks,
      onDamaged: (r) => damaged.push(r),
    });

  async function allFiles(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (d: string) => {
      for (const e of await readdir(d, { withFileTypes: true })) {
        if (e.isDirectory()) await walk(join(d, e.name));
        else out.push(e.name);
      }
    };
    await walk(dir);
    return out;
  }

  it('a write that fails before the rename changes nothing on disk, and is retried on the next flush', async () => {
    let fail = false;
    const cache = await open({
      beforeRename: () => {
        if (fail) throw new Error('disk full');
      },
    });
    const profile = await cache.profile('prof-1');
    if (!profile) throw new Error('cache off');
    await profile.recordLedgerPage(TENANT, { data: ledger(TENANT, 10), next_cursor: null }, true);
    await profile.flush();
    fail = true;
    await profile.recordLedgerPage(
      TENANT,
      { data: ledger(TENANT, 20).slice(0, 10), next_cursor: null },
      true,
    );
    await expect(profile.flush()).rejects.toThrow('disk full');
    expect((await allFiles()).filter((n) => n.includes('.tmp-'))).toEqual([]);

    const before = await open();
    const p = await before.profile('prof-1');
    expect((await p?.transactions(TENANT, { limit: 100 }))?.data).toHaveLength(10);
    await before.close();

    fail = false;
    await profile.flush();
    const after = await open();
    expect((await (await after.profile('prof-1'))?.transactions(TENANT, { limit: 100 }))?.data).toHaveLength(
      20,
    );
    expect(damaged).toEqual([]);
  });

  it('a process killed between the temp write and the rename leaves the last good state (real SIGKILL)', async () => {
    const script = fileURLToPath(new URL('./support/crash-writer.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir, TENANT], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    child.stderr.on('data', (d) => {
      err += String(d);
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, sig) => resolve(sig)),
    );
    expect(err).toBe('');
    expect(signal).toBe('SIGKILL');
    expect(out).toBe('GOOD_STATE_WRITTEN\n');
    // The complete-but-unrenamed temp file is still there, as after a real crash.
    expect((await allFiles()).filter((n) => n.includes('.tmp-'))).toHaveLength(1);

    const cache = await open();
    const profile = await cache.profile('prof-1');
    const page = await profile?.transactions(TENANT, { limit: 100 });
    expect(page?.data.map((t) => t.seq)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(damaged).toEqual([]);
    // Opening removed the leftover temp file.
    expect((await allFiles()).filter((n) => n.includes('.tmp-'))).toEqual([]);
    await cache.close();
  });

  it('a truncated temp file left by a crash is ignored and removed', async () => {
    const cache = await open();
    const profile = await cache.profile('prof-1');
    await profile?.recordLedgerPage(TENANT, { data: ledger(TENANT, 5), next_cursor: null }, true);
    await profile?.flush();
    await cache.close();
    const profileDir = join(dir, 'profiles', (await cache.profileDirs())[0] ?? '');
    const target = (await readdir(profileDir)).find((n) => n !== 'index.mmc' && n.endsWith('.mmc')) ?? '';
    await writeFile(join(profileDir, `${target}.tmp-deadbeef0000`), Buffer.from('MMOC\x01\x02'));

    const reopened = await open();
    expect((await (await reopened.profile('prof-1'))?.transactions(TENANT, {}))?.data).toHaveLength(5);
    expect((await readdir(profileDir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
    expect(damaged).toEqual([]);
    await reopened.close();
  });
});

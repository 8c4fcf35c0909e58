import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/server';
import { Me, TenantPage } from '../../shared/api';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

describe('startSandbox (programmatic, in-process)', () => {
  it('serves the contract on a random port and closes cleanly', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mm-sandbox-inproc-'));
    const sandbox = await startSandbox({
      dataDir,
      seed: 'demo',
      clock: 'manual',
      port: 0,
      environmentKind: 'staging',
    });
    try {
      expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sandbox.seeded).toBe(true);
      const headers = { authorization: `Bearer ${sandbox.adminToken}` };
      const me = Me.parse(await (await fetch(`${sandbox.url}/v1/me`, { headers })).json());
      expect(me.environment.kind).toBe('staging');
      const tenants = TenantPage.parse(
        await (await fetch(`${sandbox.url}/v1/tenants?limit=500`, { headers })).json(),
      );
      expect(tenants.data.length).toBeGreaterThanOrEqual(6);
    } finally {
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('sandbox CLI', () => {
  // Two representative refusals (each costs a process start); the flag checks are plain code.
  it.each([
    [['--seed', 'nope'], /--seed must be/],
    [['--nope'], /Unknown option/],
  ])('refuses %j with exit code 2', (flags, message) => {
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(repoRoot, 'sandbox', 'cli.ts'),
        '--data',
        join(tmpdir(), 'never-created'),
        ...flags,
      ],
      { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectAccessible, goTo, openApp, selectTenant } from './support/screens-app';
import {
  fileSize,
  filesContaining,
  type Started,
  startProcess,
  startWebHostFor,
  TRANSCRIPT_FILE,
} from './support/stack';

/**
 * Issue 6, end to end: web host + Chromium + a real sandbox process that this
 * test stops and restarts (same port, same data), so the app really loses and
 * regains its backend.
 */

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

type Sandbox = { url: string; process: Started };

async function startSandbox(port: number, dataDir: string, adminToken: string): Promise<Sandbox> {
  const started = await startProcess(
    process.execPath,
    [
      '--import',
      'tsx',
      'sandbox/cli.ts',
      '--port',
      String(port),
      '--data',
      dataDir,
      '--seed',
      'demo',
      '--clock',
      'manual',
    ],
    'SANDBOX_READY',
    { MM_SANDBOX_ADMIN_TOKEN: adminToken, MM_SANDBOX_SUPPORT_TOKEN: `sup-${randomBytes(8).toString('hex')}` },
  );
  return { url: started.url.split(' ')[0] ?? '', process: started };
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

test('pin a tenant, lose the backend: offline within 5 s with stamped cached views and writes disabled; back online after a restart', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const adminToken = `adm-${randomBytes(12).toString('hex')}`;
  const root = mkdtempSync(join(tmpdir(), 'offline-e2e-'));
  const sandboxData = join(root, 'sandbox');
  const port = await freePort();
  let sandbox: Sandbox | null = await startSandbox(port, sandboxData, adminToken);
  const host = await startWebHostFor({
    sandboxUrl: sandbox.url,
    dataDir: join(root, 'host'),
    exportDir: join(root, 'exports'),
    token: adminToken,
  });
  try {
    // A demo tenant with a ledger, workloads and endpoints (found through the sandbox, never hard-coded).
    const get = async <T>(path: string) =>
      (await (
        await fetch(`${sandbox?.url}${path}`, { headers: { authorization: `Bearer ${adminToken}` } })
      ).json()) as T;
    const tenants = await get<{ data: { id: string; name: string; wallet: { version: number } }[] }>(
      '/v1/tenants?limit=100',
    );
    let chosen: { id: string; name: string } | null = null;
    for (const t of tenants.data) {
      if (t.wallet.version < 3) continue;
      const wl = await get<{ data: unknown[] }>(`/v1/tenants/${t.id}/workloads?limit=5`);
      const ep = await get<{ data: unknown[] }>(`/v1/tenants/${t.id}/endpoints?limit=5`);
      if (wl.data.length > 0 && ep.data.length > 0) {
        chosen = t;
        break;
      }
    }
    if (!chosen) throw new Error('the demo seed has no tenant with a ledger, workloads and endpoints');
    const newest = await get<{ data: { type: string }[] }>(`/v1/tenants/${chosen.id}/transactions?limit=1`);
    const newestType = newest.data[0]?.type ?? 'top_up';

    await openApp(page, { loginUrl: host.url } as Parameters<typeof openApp>[1]);
    await selectTenant(page, chosen.name);
    await goTo(page, 'wallet');
    await expect(page.getByTestId('transactions-table')).toBeVisible();

    // Pin for offline: progress, then the button becomes "Refresh offline copy".
    await page.getByTestId('pin-button').click();
    await expect(page.getByTestId('pin-button')).toHaveText('Refresh offline copy', { timeout: 30_000 });
    // What is read while online is cached too: visit the workloads and endpoints once.
    await goTo(page, 'workloads');
    await expect(page.getByTestId('workloads-table')).toBeVisible();
    await goTo(page, 'endpoints');
    await expect(page.getByTestId('endpoints-table')).toBeVisible();
    await goTo(page, 'wallet');
    const rows = page.getByTestId('transactions-table').getByRole('row');
    await expect(rows.nth(1)).toBeVisible();
    const liveCount = (await page.getByTestId('tx-count').textContent()) ?? '';
    const liveFirstRow = (await rows.nth(1).textContent()) ?? '';

    // The backend process goes away.
    await sandbox.process.stop();
    sandbox = null;
    const stoppedAt = Date.now();
    const banner = page.getByTestId('offline-banner');
    await expect(banner).toBeVisible({ timeout: 5_000 });
    const detectedMs = Date.now() - stoppedAt;
    console.log(`offline banner ${detectedMs} ms after the sandbox process was stopped`);
    expect(detectedMs).toBeLessThan(5_000);
    await expect(banner).toContainText(
      /Offline: cached data as of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, profile Local sandbox/,
    );

    // Wallet, workloads and endpoints from the cache, each stamped; every write control disabled, with the reason.
    await expect(page.getByTestId('offline-stamp')).toContainText(/Cached · as of \d{4}-\d\d-\d\d/);
    await expect(page.getByTestId('tx-count')).toHaveText(liveCount);
    await expect(rows.nth(1)).toHaveText(liveFirstRow);
    // The wallet filters work on the cached rows (filter by the type of the newest row).
    await page.getByTestId('type-filter').selectOption(newestType);
    await expect(page.locator('.error-state')).toHaveCount(0);
    await expect(rows.nth(1)).toContainText(newestType.replaceAll('_', ' '));
    const filtered = await rows.count();
    for (let i = 1; i < filtered; i++)
      await expect(rows.nth(i)).toContainText(newestType.replaceAll('_', ' '));
    await page.getByTestId('type-filter').selectOption('');
    await expect(page.getByTestId('tx-count')).toHaveText(liveCount);
    await expect(page.getByTestId('pin-button')).toBeDisabled();
    for (const screen of ['workloads', 'endpoints'] as const) {
      await goTo(page, screen);
      await expect(page.getByTestId(`${screen}-table`)).toBeVisible();
      await expect(page.getByTestId('offline-stamp')).toContainText('Cached · as of');
    }
    // Write controls: the new-workload form and an admin form, each disabled with the reason beside it.
    const writes = page.locator('[data-write-control]');
    await goTo(page, 'workloads');
    await page.getByRole('button', { name: /New workload/ }).click();
    await expect(writes.first()).toBeDisabled();
    await expect(page.getByText(/Offline: mutations are never queued/).first()).toBeVisible();
    await goTo(page, 'admin');
    await expect(writes.first()).toBeDisabled();
    await expect(page.getByTestId('write-blocked-reason')).toContainText(
      'Offline: mutations are never queued',
    );
    for (let i = 0; i < (await writes.count()); i++) await expect(writes.nth(i)).toBeDisabled();
    await goTo(page, 'wallet');
    // Tenant search works over the cached tenants.
    await selectTenant(page, chosen.name);
    await expect(page.getByTestId('offline-stamp')).toContainText('Cached · as of');

    // Nothing identifying or secret in the cache files the web host wrote.
    for (const file of filesUnder(join(root, 'host', 'offline-cache'))) {
      const bytes = readFileSync(file);
      for (const needle of [adminToken, chosen.id, chosen.name]) {
        expect(bytes.includes(Buffer.from(needle)), `${needle} in ${file}`).toBe(false);
        expect(file.includes(needle)).toBe(false);
      }
    }

    // The backend comes back (same port, same data): the app offers to go online, and does when asked.
    sandbox = await startSandbox(port, sandboxData, adminToken);
    const goOnline = page.getByTestId('go-online');
    await expect(goOnline).toHaveText('Go online', { timeout: 10_000 });
    await expect(goOnline).toBeEnabled();
    await goOnline.click();
    await expect(banner).toBeHidden({ timeout: 10_000 });
    await expect(page.getByTestId('offline-stamp')).toHaveCount(0);
    await expect(page.getByTestId('profile-chip')).toContainText('admin');
    // Writes are allowed again (the admin form no longer shows a blocked reason).
    await goTo(page, 'admin');
    await expect(page.getByTestId('write-blocked-reason')).toHaveCount(0, { timeout: 10_000 });

    // No token reached the browser, the log, the journal or the offline cache.
    await host.stop();
    expect(fileSize(join(root, 'host', TRANSCRIPT_FILE))).toBeGreaterThan(0);
    expect(filesContaining(root, [adminToken]).filter((f) => !f.startsWith(sandboxData))).toEqual([]);
  } finally {
    await host.stop();
    await sandbox?.process.stop();
    rmSync(root, { recursive: true, force: true });
  }
});

test('the manual "Work offline" switch does the same, and switching back refetches live data', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const adminToken = `adm-${randomBytes(12).toString('hex')}`;
  const root = mkdtempSync(join(tmpdir(), 'offline-e2e-'));
  const sandbox = await startSandbox(await freePort(), join(root, 'sandbox'), adminToken);
  const host = await startProcess(
    process.execPath,
    [
      '--import',
      'tsx',
      'main/webhost/cli.ts',
      '--sandbox-url',
      sandbox.url,
      '--data',
      join(root, 'host'),
      '--export-dir',
      join(root, 'exports'),
    ],
    'WEBHOST_READY',
    { MM_WEBHOST_TOKEN: adminToken },
  );
  try {
    await openApp(page, { loginUrl: host.url } as Parameters<typeof openApp>[1]);
    await goTo(page, 'workloads');
    await page.getByTestId('work-offline').click();
    const banner = page.getByTestId('offline-banner');
    await expect(banner).toContainText('You chose to work offline.');
    await expect(page.getByTestId('work-offline')).toHaveAttribute('aria-pressed', 'true');
    await expectAccessible(page, 'offline banner');
    const writes = page.locator('[data-write-control]');
    for (let i = 0; i < (await writes.count()); i++) await expect(writes.nth(i)).toBeDisabled();
    await goTo(page, 'settings');
    await expect(page.getByTestId('offline-cache-panel')).toContainText('On');
    await expectAccessible(page, 'settings, offline cache');
    await page.getByTestId('go-online').click();
    await expect(banner).toBeHidden();
    await expect(page.getByTestId('work-offline')).toHaveAttribute('aria-pressed', 'false');
  } finally {
    await host.stop();
    await sandbox.process.stop();
    rmSync(root, { recursive: true, force: true });
  }
});

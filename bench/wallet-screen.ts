/**
 * The Wallet screen on the `large` seed (100,000 transactions on one tenant),
 * in Debian's Chromium through the web host and the real main core:
 *   1. navigation to the Wallet screen → first rows painted,
 *   2. a type filter applied → first filtered rows painted,
 *   3. a full scroll (End, again and again, until every cursor page is loaded
 *      and the last row is on screen),
 * with the grid's DOM row count sampled throughout (it must stay bounded).
 * Printed beside the time to fetch + JSON.parse the same data straight from
 * the sandbox in the same run, and the core count.
 *
 *   npx electron-vite build && npx tsx bench/wallet-screen.ts
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config';
import { startStack } from '../test/e2e/support/stack';

if (!existsSync('out/renderer/index.html')) {
  console.error('Build the renderer first: npx electron-vite build');
  process.exit(1);
}

const TENANT = 'Massive Dynamic';
const stack = await startStack({ seed: 'large' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});

function ms(start: number): number {
  return Math.round(performance.now() - start);
}

async function domRows(page: Page): Promise<number> {
  return page.getByTestId('transactions-table').locator('[role=row]').count();
}

try {
  const tenants = (await stack.sandboxRequest('GET', `/v1/tenants?q=${encodeURIComponent(TENANT)}`)).body as {
    data: { id: string; wallet: { version: number } }[];
  };
  const tenant = tenants.data[0];
  if (!tenant) throw new Error('large seed tenant not found');

  // ---- the same data without the app: fetch + JSON.parse every page from the sandbox
  const direct = async (query: string) => {
    let cursor: string | null = null;
    let rows = 0;
    let first = 0;
    const t0 = performance.now();
    do {
      const url = `${stack.sandboxUrl}/v1/tenants/${tenant.id}/transactions?limit=500${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await fetch(url, { headers: { authorization: `Bearer ${stack.adminToken}` } });
      const page = JSON.parse(await res.text()) as { data: unknown[]; next_cursor: string | null };
      rows += page.data.length;
      if (first === 0) first = ms(t0);
      cursor = page.next_cursor;
    } while (cursor);
    return { rows, first, all: ms(t0) };
  };
  const rawAll = await direct('');
  const rawFiltered = await direct('&type=top_up');

  // ---- the app
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // tsx keeps function names with a __name() helper that does not exist inside the page.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await page.goto(stack.loginUrl);
  await page.getByTestId('profile-chip').getByText('admin').waitFor();
  await page.getByTestId('tenant-button').click();
  await page.getByRole('combobox', { name: 'Switch tenant' }).fill(TENANT);
  await page
    .getByTestId('tenant-switcher')
    .getByRole('option', { name: new RegExp(TENANT) })
    .click();
  await page.evaluate("location.hash = '#/settings'");
  await page.getByTestId('connection-status').waitFor();

  let maxRows = 0;
  const sample = async () => {
    maxRows = Math.max(maxRows, await domRows(page));
  };

  let t = performance.now();
  await page.evaluate("location.hash = '#/wallet'");
  const grid = page.getByTestId('transactions-table');
  await grid.locator('[role=row][data-row-key]').first().waitFor();
  const toFirstRows = ms(t);
  await sample();

  t = performance.now();
  await page.getByTestId('type-filter').selectOption('top_up');
  await page.waitForFunction(
    `[...document.querySelectorAll('[data-testid=transactions-table] [role=row][data-row-key]')]
      .every((r, _, all) => all.length > 0 && r.textContent.includes('top up'))`,
  );
  const toFiltered = ms(t);
  await sample();

  await page.getByTestId('type-filter').selectOption('');
  await grid.locator('[role=row][data-row-key]').first().waitFor();
  await grid.focus();
  // The scroll runs inside the page (End keydowns on the grid, waiting on the
  // DOM), so the timing is the app's, not Playwright's round trips.
  t = performance.now();
  const cdp = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  // In-page code is a string: this file is type-checked without the DOM library.
  const scroll = (await page.evaluate(`(async () => {
    const grid = document.querySelector('[data-testid=transactions-table]');
    const counter = document.querySelector('[data-testid=tx-count]');
    if (!grid || !counter) throw new Error('wallet grid missing');
    const rowsInDom = () => grid.querySelectorAll('[role=row]').length;
    const changed = (before) =>
      new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (counter.textContent !== before) {
            observer.disconnect();
            resolve();
          }
        });
        observer.observe(counter, { childList: true, characterData: true, subtree: true });
      });
    let presses = 0;
    let maxRows = rowsInDom();
    for (;;) {
      const before = counter.textContent;
      const done = !before?.includes('+');
      const next = done ? null : changed(before);
      grid.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
      presses += 1;
      if (done) break;
      await next;
      maxRows = Math.max(maxRows, rowsInDom());
    }
    // The last row (seq 1) must end up rendered.
    for (let i = 0; i < 100 && !grid.querySelector('[role=row][aria-rowindex="100001"]'); i++) {
      await new Promise((r) => requestAnimationFrame(r));
    }
    return {
      presses,
      maxRows,
      lastRendered: Boolean(grid.querySelector('[role=row][aria-rowindex="100001"]')),
    };
  })()`)) as { presses: number; maxRows: number; lastRendered: boolean };
  if (cdp) {
    // BENCH_PROFILE=1: print where the renderer spends its time during the scroll.
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
      profile: {
        nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
        samples: number[];
      };
    };
    const self = new Map<number, number>();
    for (const id of profile.samples) self.set(id, (self.get(id) ?? 0) + 1);
    const byName = new Map<string, number>();
    for (const node of profile.nodes) {
      const key = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}`;
      byName.set(key, (byName.get(key) ?? 0) + (self.get(node.id) ?? 0));
    }
    const total = profile.samples.length;
    for (const [k, v] of [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
      console.log(`${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
    }
  }
  const presses = scroll.presses;
  maxRows = Math.max(maxRows, scroll.maxRows);
  if (!scroll.lastRendered) throw new Error('the last row never rendered');
  const fullScroll = ms(t);
  await sample();

  // The same walk through the bridge and core only (no rendering): where the time goes.
  const bridgeOnly = (await page.evaluate(`(async (tenantId) => {
    const t0 = performance.now();
    let cursor = null;
    let rows = 0;
    do {
      const r = await window.operator.wallet.transactions({ tenantId, limit: 500, ...(cursor ? { cursor } : {}) });
      if (!r.ok) throw new Error('bridge call failed');
      rows += r.value.data.length;
      cursor = r.value.next_cursor;
    } while (cursor);
    return { rows, ms: Math.round(performance.now() - t0) };
  })(${JSON.stringify(tenant.id)})`)) as { rows: number; ms: number };
  const loaded = ((await page.getByTestId('tx-count').textContent()) ?? '').replace(/\D/g, '');

  const pad = (s: string) => s.padEnd(52);
  console.log(
    `\nWallet screen, large seed (${tenant.wallet.version.toLocaleString('en-US')} transactions), ${cpus().length} cores`,
  );
  console.log(`${pad('navigation → first rows')}${toFirstRows} ms`);
  console.log(`${pad('type filter (top_up) → first filtered rows')}${toFiltered} ms`);
  console.log(
    `${pad(`full scroll to the last row (${Number(loaded).toLocaleString('en-US')} rows, ${presses} × End)`)}${fullScroll} ms`,
  );
  console.log(`${pad('max rows in the grid DOM at any sample')}${maxRows}`);
  console.log(
    `${pad(`same walk through bridge + core only, no rendering`)}${bridgeOnly.ms} ms (${bridgeOnly.rows.toLocaleString('en-US')} rows)`,
  );
  console.log('same run, straight from the sandbox (fetch + JSON.parse, pages of 500):');
  console.log(`${pad('  first page')}${rawAll.first} ms`);
  console.log(`${pad(`  all ${rawAll.rows.toLocaleString('en-US')} rows`)}${rawAll.all} ms`);
  console.log(
    `${pad(`  type=top_up, all ${rawFiltered.rows.toLocaleString('en-US')} rows`)}${rawFiltered.all} ms (first page ${rawFiltered.first} ms)`,
  );
} finally {
  await browser.close();
  await stack.stop();
}

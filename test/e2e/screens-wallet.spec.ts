import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { goTo, openApp, selectTenant, tenantIdByName } from './support/screens-app';
import { type Stack, startStack } from './support/stack';

// The Wallet screen's filters, search, chart and CSV export of exactly the current filter.

let stack: Stack;
let page: Page;
let acme: string;
test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  stack = await startStack({ seed: 'demo' });
  page = await browser.newPage();
  await openApp(page, stack);
  acme = await tenantIdByName(stack, 'Acme Robotics');
  await selectTenant(page, 'Acme Robotics');
  await goTo(page, 'wallet');
});
test.afterAll(async () => {
  await page?.close();
  await stack?.stop();
});

async function countInSandbox(query: string): Promise<number> {
  let cursor: string | null = null;
  let n = 0;
  do {
    const path = `/v1/tenants/${acme}/transactions?limit=500${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = (await stack.sandboxRequest('GET', path)).body as {
      data: unknown[];
      next_cursor: string | null;
    };
    n += page.data.length;
    cursor = page.next_cursor;
  } while (cursor);
  return n;
}

const grid = () => page.getByTestId('transactions-table');
const rows = () => grid().locator('[role=row][data-row-key]');

test('balance, reserved, version and the balance chart', async () => {
  const tenant = (await stack.sandboxRequest('GET', `/v1/tenants/${acme}`)).body as {
    wallet: { version: number };
  };
  await expect(page.getByTestId('wallet-version')).toHaveText(tenant.wallet.version.toLocaleString('en-US'));
  await expect(page.getByRole('img', { name: /^Balance from/ })).toBeVisible();
  // Sticky header stays put while the grid scrolls.
  await grid().focus();
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await expect(grid().getByRole('columnheader', { name: 'Amount' })).toBeInViewport();
});

test('type filter shows only that type, and the CSV export holds exactly the filtered rows', async () => {
  await page.getByTestId('type-filter').selectOption('top_up');
  const expected = await countInSandbox('&type=top_up');
  await expect(page.getByTestId('tx-count')).toHaveText(`${expected} shown`);
  for (const text of await rows().allTextContents()) expect(text).toContain('top up');
  await page.getByRole('button', { name: 'Export CSV of this filter…' }).click();
  await expect(page.getByText(`Exported ${expected} transactions`)).toBeVisible();
  const files = readdirSync(stack.exportDir).filter((f) => f.endsWith('.csv'));
  expect(files).toHaveLength(1);
  const lines = readFileSync(join(stack.exportDir, files[0] as string), 'utf8')
    .trim()
    .split(/\r?\n/);
  expect(lines).toHaveLength(expected + 1);
  expect(lines.slice(1).every((l) => l.includes(',top_up,'))).toBe(true);
});

test('date range filter keeps rows inside the range (UTC days, inclusive)', async () => {
  await page.getByTestId('type-filter').selectOption('');
  const newest = (await stack.sandboxRequest('GET', `/v1/tenants/${acme}/transactions?limit=1`)).body as {
    data: { created_at: string }[];
  };
  const day = (newest.data[0]?.created_at ?? '').slice(0, 10);
  await page.getByLabel('From (UTC)').fill(day);
  await page.getByLabel('To (UTC, inclusive)').fill(day);
  const since = `${day}T00:00:00.000Z`;
  const until = new Date(Date.parse(since) + 86_400_000).toISOString();
  const expected = await countInSandbox(`&since=${since}&until=${until}`);
  await expect(page.getByTestId('tx-count')).toHaveText(`${expected} shown`);
  for (const text of await rows().allTextContents()) expect(text).toContain(day);
  await page.getByLabel('From (UTC)').fill('');
  await page.getByLabel('To (UTC, inclusive)').fill('');
});

test('search by reason and by transaction id', async () => {
  const search = page.getByRole('searchbox', { name: 'Search id or reason' });
  await search.fill('SUP-1182');
  await expect(rows()).toHaveCount(1);
  await expect(rows().first()).toContainText('Correction: duplicate credit issued on ticket SUP-1182');
  const id = (await rows().first().getAttribute('data-row-key')) ?? '';
  await search.fill(id);
  await expect(rows()).toHaveCount(1);
  await expect(rows().first()).toHaveAttribute('data-row-key', id);
  await search.fill('');
});

test('the journal exports through main', async () => {
  await goTo(page, 'journal');
  await page.getByRole('button', { name: 'Export journal…' }).click();
  await expect(page.getByText(/Exported \d+ journal lines|Export cancelled/)).toBeVisible();
});

test('settings: add a profile with a write-only token (the core says it is kept for this session only), edit it, delete it', async () => {
  await goTo(page, 'settings');
  await page.getByRole('button', { name: 'Add profile…' }).click();
  const form = page.getByRole('form', { name: 'New profile' });
  await form.getByLabel('Name').fill('Staging EU');
  await form.getByLabel('Backend URL').fill('https://staging.example.invalid');
  await form.getByLabel('Expected environment').selectOption('staging');
  await form.getByLabel(/API token/).fill('tok-e2e-secret');
  await form.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByTestId('token-note')).toContainText(/session/);
  // The token field is emptied as soon as main has it, and never shown again.
  await expect(form.getByLabel(/API token/)).toHaveValue('');
  const table = page.getByTestId('profiles-table');
  const row = table.getByRole('row').filter({ hasText: 'Staging EU' });
  await expect(row).toContainText('this session only');
  await expect(page.locator('body')).not.toContainText('tok-e2e-secret');
  await form.getByRole('button', { name: 'Close' }).click();

  await row.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('form', { name: 'Edit profile Staging EU' });
  await edit.getByLabel('Name').fill('Staging EU 2');
  await edit.getByRole('button', { name: 'Save profile' }).click();
  const renamed = table.getByRole('row').filter({ hasText: 'Staging EU 2' });
  await expect(renamed).toBeVisible();

  await renamed.getByRole('button', { name: 'Delete…' }).click();
  await renamed.getByRole('button', { name: 'Delete Staging EU 2' }).click();
  await expect(table.getByRole('row').filter({ hasText: 'Staging EU' })).toHaveCount(0);
});

import { expect, type Page, test } from '@playwright/test';
import { goTo, openApp, selectTenant } from './support/screens-app';
import { type Stack, startStack } from './support/stack';

// A support token sees every read view and cannot start any mutation: every
// write control is disabled, says why, and no preview is ever requested.

let stack: Stack;
let page: Page;
const previews: string[] = [];
const REASON = 'Read-only: your token has the support role.';
test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  stack = await startStack({ seed: 'demo', role: 'support' });
  page = await browser.newPage();
  page.on('request', (r) => {
    if (r.url().includes('/__bridge/invoke/mutations.')) previews.push(r.url());
  });
  await openApp(page, stack);
  await expect(page.getByTestId('profile-chip')).toContainText('support');
  await selectTenant(page, 'Acme Robotics');
});
test.afterAll(async () => {
  await page?.close();
  await stack?.stop();
});

async function expectEveryWriteControlDisabled() {
  const controls = page.locator('[data-write-control]');
  const n = await controls.count();
  for (let i = 0; i < n; i++) await expect(controls.nth(i)).toBeDisabled();
  return n;
}

test('the read-only reason is shown app-wide', async () => {
  await expect(page.getByText(REASON).first()).toBeVisible();
});

test('every admin form is disabled, field by field, with the reason first', async () => {
  for (const section of ['subscription', 'adjust', 'replenish', 'metering']) {
    await goTo(page, 'admin', section);
    await expect(page.getByTestId('write-blocked-reason')).toHaveText(REASON);
    const panel = page.getByRole('tabpanel');
    const fields = panel.locator('input, select, textarea');
    for (let i = 0; i < (await fields.count()); i++) await expect(fields.nth(i)).toBeDisabled();
    expect(await expectEveryWriteControlDisabled()).toBeGreaterThan(0);
    // Enter in a disabled form starts nothing either.
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('confirm-dialog')).toHaveCount(0);
  }
});

test('cross-tenant views and the reconciliation queue explain that they need an admin token', async () => {
  await goTo(page, 'admin', 'reconcile');
  await expect(page.getByRole('alert')).toContainText('admin token');
  await goTo(page, 'admin', 'views');
  await expect(page.getByRole('alert')).toContainText('admin token');
});

test('new workload and cancel are disabled with the reason beside them', async () => {
  await goTo(page, 'workloads', 'new');
  await page.getByLabel('Blob URL').fill('https://github.com/acme/models/blob/main/x.py');
  const preview = page.getByRole('button', { name: 'Preview reservation…' });
  await expect(preview).toBeDisabled();
  await expect(page.getByRole('complementary', { name: 'New workload' })).toContainText(REASON);
  await goTo(page, 'workloads');
  const grid = page.getByTestId('workloads-table');
  await grid.locator('[role=row][data-row-key]').first().click();
  const detail = page.getByTestId('workload-detail');
  await expect(detail.getByRole('button', { name: 'Cancel workload…' })).toBeDisabled();
  await expectEveryWriteControlDisabled();
});

test('every read view works for support', async () => {
  await goTo(page, 'wallet');
  await expect(
    page.getByTestId('transactions-table').locator('[role=row][data-row-key]').first(),
  ).toBeVisible();
  await goTo(page, 'endpoints');
  await expect(page.getByTestId('endpoints-table')).toBeVisible();
  await goTo(page, 'journal');
  await expect(page.getByRole('heading', { name: 'Journal' })).toBeVisible();
});

test('no mutation was ever previewed or committed', () => {
  expect(previews).toEqual([]);
});

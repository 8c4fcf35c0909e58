import { expect, type Page, test } from '@playwright/test';
import { formatCredits, parseCredits } from '../../shared/money';
import {
  commitDialog,
  goTo,
  latestTransactions,
  openApp,
  readPreview,
  selectTenant,
  tenantIdByName,
  walletOf,
} from './support/screens-app';
import { type Stack, startStack } from './support/stack';

// Time-driven flows, moved by the sandbox's manual clock (never by waiting).

let stack: Stack;
let page: Page;
test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  stack = await startStack({ seed: 'demo' });
  page = await browser.newPage();
  await openApp(page, stack);
});
test.afterAll(async () => {
  await page?.close();
  await stack?.stop();
});

const refresh = () => page.getByRole('button', { name: /Refresh/ }).click();

async function createWorkload(url: string): Promise<{ id: string; estimate: string }> {
  const acme = await tenantIdByName(stack, 'Acme Robotics');
  const before = await walletOf(stack, acme);
  await goTo(page, 'workloads');
  await page.keyboard.press('n');
  const field = page.getByLabel('Blob URL');
  await expect(field).toBeFocused();
  // Checked as you type.
  await field.fill('http://github.com/acme/models/blob/main/x.py');
  await expect(page.getByText('Use https (this URL uses http).')).toBeVisible();
  await field.fill('https://github.com/acme/models/blob/main/x.txt');
  await expect(page.getByText(/must end in .ipynb or .py/)).toBeVisible();
  await field.fill(url);
  await expect(page.getByText('Looks right: https and a .ipynb or .py file.')).toBeVisible();
  await page.getByRole('button', { name: 'Preview reservation…' }).click();
  const previewed = await readPreview(page);
  const reservation = previewed.transactions[0];
  if (!reservation) throw new Error('no reservation previewed');
  expect(reservation.type).toBe('reservation');
  const estimate = formatCredits(-parseCredits(reservation.amount));
  // Balance before and after the reservation, from the server's preview.
  expect(previewed.wallets[0]).toEqual([
    acme,
    before.balance,
    formatCredits(parseCredits(before.balance) - parseCredits(estimate)),
  ]);
  await expect(page.getByTestId('effects-summary')).toContainText(
    `Reserves the estimate of ${estimate} credits`,
  );
  const ids = await commitDialog(page);
  const [newest] = await latestTransactions(stack, acme, 1);
  expect(ids).toEqual([newest?.id]);
  const detail = page.getByTestId('workload-detail');
  await expect(detail).toContainText('queued');
  const id = ((await detail.locator('dd code').first().textContent()) ?? '').trim();
  return { id, estimate };
}

test('a workload is created, progresses with the clock, finishes and is reconciled with a charge; another with a refund', async () => {
  await selectTenant(page, 'Acme Robotics');
  const charged = await createWorkload('https://github.com/acme/models/blob/main/e2e_charge.py');
  const refunded = await createWorkload('https://github.com/acme/models/blob/main/e2e_refund.ipynb');

  // Through the pipeline: queued 5 s, fetching 10 s, instrumenting 20 s, running ≤ 300 s.
  await stack.advanceClock(6);
  await refresh();
  await expect(page.getByTestId('workload-detail')).toContainText('fetching');
  await stack.advanceClock(400);
  await refresh();
  const detail = page.getByTestId('workload-detail');
  await expect(detail.getByTestId('reconciliation-state')).toContainText('awaiting reconciliation');
  await expect(detail.getByRole('list', { name: 'Status timeline' }).locator('li.is-todo')).toHaveCount(0);

  for (const [w, actual, kind] of [
    [charged, formatCredits(parseCredits(charged.estimate) + 20_000n), 'reconciliation_charge'],
    [refunded, '0.5', 'reconciliation_refund'],
  ] as const) {
    await goTo(page, 'workloads', `detail/${w.id}`);
    await page.getByTestId('workload-detail').getByRole('button', { name: 'Reconcile…' }).click();
    await page.getByLabel('Actual credits').fill(actual);
    await page.getByRole('button', { name: 'Preview reconciliation…' }).click();
    const previewed = await readPreview(page);
    const ids = await commitDialog(page);
    const acme = await tenantIdByName(stack, 'Acme Robotics');
    const [row] = await latestTransactions(stack, acme, 1);
    expect(row?.id).toBe(ids[0]);
    expect(row?.type).toBe(kind);
    expect(row?.amount).toBe(previewed.transactions[0]?.amount);
    await goTo(page, 'workloads', `detail/${w.id}`);
    await expect(page.getByTestId('reconciliation-state')).toContainText('Reconciled');
  }
});

test('an unfinished workload is cancelled through the dialog; a finished one cannot be', async () => {
  await selectTenant(page, 'Acme Robotics');
  const w = await createWorkload('https://github.com/acme/models/blob/main/e2e_cancel.py');
  const detail = page.getByTestId('workload-detail');
  await detail.getByRole('button', { name: 'Cancel workload…' }).click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog.getByTestId('effects-transitions')).toContainText(
    `workload ${w.id} status: queued → cancelled`,
  );
  await commitDialog(page);
  const after = (await stack.sandboxRequest('GET', `/v1/workloads/${w.id}`)).body as { status: string };
  expect(after.status).toBe('cancelled');
  await expect(detail.getByRole('button', { name: 'Cancel workload…' })).toBeDisabled();
  await expect(detail).toContainText('Already cancelled: only unfinished workloads can be cancelled.');
});

test('a top-up and a tick bring a depleted_grace endpoint back to active', async () => {
  const globex = await tenantIdByName(stack, 'Globex Research');
  await selectTenant(page, 'Globex Research');
  await goTo(page, 'endpoints');
  const table = page.getByTestId('endpoints-table');
  await expect(table).toContainText('depleted grace');
  await expect(table.getByTestId('grace-countdown')).toBeVisible();
  await goTo(page, 'admin', 'adjust');
  await page.getByRole('radio', { name: 'top_up', exact: true }).check();
  await page.getByLabel('Amount (credits)').fill('2000');
  await page.getByLabel('Reason').fill('E2E card payment');
  await page.getByRole('button', { name: 'Preview top-up…' }).click();
  await readPreview(page);
  await commitDialog(page, globex);
  await goTo(page, 'admin', 'metering');
  await page.getByRole('button', { name: 'Preview metering tick…' }).click();
  await expect(page.getByTestId('effects-transitions')).toContainText('depleted_grace → active');
  await commitDialog(page);
  await goTo(page, 'endpoints');
  await expect(table.getByText('active', { exact: true })).toBeVisible();
  await expect(page.getByTestId('runway')).toContainText('The balance lasts about');
});

test('metering ticks drive an endpoint to depleted_grace, then to suspended after the grace period', async () => {
  const created = await stack.sandboxRequest('POST', '/sandbox/tenants', {
    name: 'E2E Meter Co',
    status: 'active',
  });
  const tenantId = (created.body as { id: string }).id;
  await stack.sandboxRequest(
    'POST',
    `/v1/admin/tenants/${tenantId}/wallet/adjustments`,
    { kind: 'top_up', amount: '1', reason: 'seed' },
    { ifMatch: 0 },
  );
  await stack.sandboxRequest('POST', '/sandbox/endpoints', {
    tenant_id: tenantId,
    name: 'e2e-meter',
    rate_per_hour: '10',
  });
  await stack.advanceClock(3600);

  await selectTenant(page, 'E2E Meter Co');
  await goTo(page, 'admin', 'metering');
  await page.getByRole('button', { name: 'Preview metering tick…' }).click();
  const radius = page.getByTestId('blast-radius');
  await expect(radius).toContainText(`Into depleted_grace${tenantId}`);
  await commitDialog(page);
  await goTo(page, 'endpoints');
  const table = page.getByTestId('endpoints-table');
  await expect(table).toContainText('depleted grace');
  await expect(table.getByTestId('grace-countdown')).toBeVisible();
  await expect(page.getByTestId('runway')).toHaveText('The balance is exhausted at the current burn.');

  await stack.advanceClock(3601);
  await goTo(page, 'admin', 'metering');
  await page.getByRole('button', { name: 'Preview metering tick…' }).click();
  await expect(radius).toContainText(`Into suspended${tenantId}`);
  await commitDialog(page);
  await goTo(page, 'endpoints');
  await expect(table).toContainText('suspended');
});

test('a wallet changed between preview and commit: the dialog says so, writes nothing, and offers a new preview', async () => {
  const acme = await tenantIdByName(stack, 'Acme Robotics');
  await selectTenant(page, 'Acme Robotics');
  await goTo(page, 'admin', 'adjust');
  await page.getByRole('radio', { name: 'top_up', exact: true }).check();
  await page.getByLabel('Amount (credits)').fill('5');
  await page.getByLabel('Reason').fill('E2E race');
  await page.getByRole('button', { name: 'Preview top-up…' }).click();
  await readPreview(page);
  const before = await walletOf(stack, acme);
  // Someone else writes to the wallet after the preview.
  await stack.sandboxRequest(
    'POST',
    `/v1/admin/tenants/${acme}/wallet/adjustments`,
    { kind: 'top_up', amount: '1', reason: 'concurrent' },
    { ifMatch: before.version },
  );
  const dialog = page.getByTestId('confirm-dialog');
  await dialog.getByRole('button', { name: 'Confirm and commit' }).click();
  const changed = dialog.getByTestId('changed-since-preview');
  await expect(changed).toContainText(`${before.version} → ${before.version + 1}`);
  expect((await walletOf(stack, acme)).version).toBe(before.version + 1);
  await dialog.getByRole('button', { name: 'New preview' }).click();
  await readPreview(page);
  const ids = await commitDialog(page);
  const [row] = await latestTransactions(stack, acme, 1);
  expect(row?.id).toBe(ids[0]);
  expect(row?.reason).toBe('E2E race');
});

test('a dropped connection after commit: the dialog retries safely and ends with one transaction written', async () => {
  const acme = await tenantIdByName(stack, 'Acme Robotics');
  await selectTenant(page, 'Acme Robotics');
  await goTo(page, 'admin', 'adjust');
  await page.getByRole('radio', { name: 'top_up', exact: true }).check();
  await page.getByLabel('Amount (credits)').fill('7');
  await page.getByLabel('Reason').fill('E2E dropped connection');
  await page.getByRole('button', { name: 'Preview top-up…' }).click();
  await readPreview(page);
  const before = await walletOf(stack, acme);
  // The next write is applied by the sandbox, then its connection is dropped before the answer.
  await stack.sandboxRequest('POST', '/sandbox/faults', {
    count: 1,
    drop_after_commit: true,
    method: 'POST',
  });
  const ids = await commitDialog(page);
  const after = await walletOf(stack, acme);
  expect(after.version).toBe(before.version + 1);
  const [row] = await latestTransactions(stack, acme, 1);
  expect(ids).toEqual([row?.id]);
  expect(row?.reason).toBe('E2E dropped connection');
});

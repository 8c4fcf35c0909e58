import { expect, type Page, test } from '@playwright/test';
import {
  commitDialog,
  goTo,
  humanType,
  latestTransactions,
  openApp,
  readPreview,
  selectTenant,
  tenantIdByName,
  walletOf,
  wireCredits,
} from './support/screens-app';
import { type Stack, startStack } from './support/stack';

// Every admin action end to end against a real sandbox: the dialog shows the
// server's preview, the commit writes exactly that (checked in the sandbox's
// own ledger), and the screen shows the new state.

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

/** Checks that the ledger's newest rows are exactly the previewed ones, ids included. */
async function expectLedgerMatches(
  tenantId: string,
  ids: string[],
  previewed: Awaited<ReturnType<typeof readPreview>>,
) {
  const mine = previewed.transactions.filter((t) => t.tenant === tenantId);
  const ledger = (await latestTransactions(stack, tenantId, mine.length)).reverse();
  expect(ledger.map((t) => t.id).sort()).toEqual(ids.filter((id) => ledger.some((t) => t.id === id)).sort());
  expect(
    ledger.map((t) => ({
      type: humanType(t.type),
      amount: t.amount,
      balanceAfter: t.balance_after,
      reason: t.reason,
    })),
  ).toEqual(
    mine.map((t) => ({ type: t.type, amount: t.amount, balanceAfter: t.balanceAfter, reason: t.reason })),
  );
}

test('top-up: plain confirm, ledger gets exactly the previewed transaction, balance updates', async () => {
  const acme = await tenantIdByName(stack, 'Acme Robotics');
  const before = await walletOf(stack, acme);
  await selectTenant(page, 'Acme Robotics');
  await goTo(page, 'admin', 'adjust');
  await page.getByRole('radio', { name: 'top_up', exact: true }).check();
  await page.getByLabel('Amount (credits)').fill('25.5');
  await page.getByLabel('Reason').fill('E2E goodwill top-up');
  await page.getByRole('button', { name: 'Preview top-up…' }).click();
  const previewed = await readPreview(page);
  expect(previewed.transactions).toHaveLength(1);
  expect(previewed.transactions[0]).toMatchObject({
    type: 'top up',
    amount: '25.5',
    reason: 'E2E goodwill top-up',
  });
  expect(previewed.wallets[0]?.[1]).toBe(before.balance);
  // Focus starts on Cancel.
  await expect(page.getByTestId('confirm-dialog').getByRole('button', { name: 'Cancel' })).toBeFocused();
  const ids = await commitDialog(page);
  expect(ids).toHaveLength(1);
  await expectLedgerMatches(acme, ids, previewed);
  const after = await walletOf(stack, acme);
  expect(after.balance).toBe(previewed.wallets[0]?.[2]);
  await expect(page.getByTestId('admin-tenant')).toContainText(
    Number(after.balance).toLocaleString('en-US', { maximumFractionDigits: 4 }),
  );
});

test('negative adjustment needs the tenant id typed', async () => {
  const acme = await tenantIdByName(stack, 'Acme Robotics');
  await goTo(page, 'admin', 'adjust');
  await page.getByRole('radio', { name: 'adjustment', exact: true }).check();
  await page.getByLabel('Amount (credits)').fill('-10');
  await page.getByLabel('Reason').fill('E2E correction');
  await page.getByRole('button', { name: 'Preview adjustment…' }).click();
  const previewed = await readPreview(page);
  expect(previewed.transactions[0]).toMatchObject({ type: 'adjustment', amount: '-10' });
  await expect(page.getByTestId('confirm-dialog')).toContainText('A negative adjustment takes credits away');
  const ids = await commitDialog(page, acme);
  await expectLedgerMatches(acme, ids, previewed);
});

test('top_up refuses a negative amount inline, before any preview', async () => {
  await goTo(page, 'admin', 'adjust');
  await page.getByRole('radio', { name: 'top_up', exact: true }).check();
  await page.getByLabel('Amount (credits)').fill('-5');
  await expect(page.getByText('top_up requires a positive value.').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Preview top-up…' })).toBeDisabled();
});

test('subscription: plan from the backend, monthly credits default from it, activate and issue the first month', async () => {
  const umbrella = await tenantIdByName(stack, 'Umbrella Analytics');
  await selectTenant(page, 'Umbrella Analytics');
  await goTo(page, 'admin', 'subscription');
  const plans = (await stack.sandboxRequest('GET', '/v1/plans')).body as {
    data: { id: string; default_monthly_credits: string }[];
  };
  const plan = plans.data[0];
  if (!plan) throw new Error('no plans');
  await page.getByLabel('Plan').selectOption(plan.id);
  await expect(page.getByLabel('Monthly credits')).toHaveValue(plan.default_monthly_credits);
  await expect(page.getByLabel('Activate')).toBeChecked();
  await expect(page.getByLabel('Issue first month now')).toBeChecked();
  await page.getByRole('button', { name: 'Preview subscription…' }).click();
  const previewed = await readPreview(page);
  expect(previewed.transactions[0]).toMatchObject({
    type: 'subscription grant',
    amount: plan.default_monthly_credits,
  });
  await expect(page.getByTestId('effects-transitions')).toContainText('pending_subscription');
  const big = BigInt(plan.default_monthly_credits.split('.')[0] ?? '0') > 1000n;
  const ids = await commitDialog(page, big ? umbrella : undefined);
  await expectLedgerMatches(umbrella, ids, previewed);
  const tenant = (await stack.sandboxRequest('GET', `/v1/tenants/${umbrella}`)).body as {
    status: string;
    plan: string;
  };
  expect(tenant).toMatchObject({ status: 'active', plan: plan.id });
  await expect(page.getByTestId('tenant-button')).toContainText('active');
});

test('replenishment: blank means the plan amount; shows the last replenished period', async () => {
  const stark = await tenantIdByName(stack, 'Stark Industries');
  const tenant = (await stack.sandboxRequest('GET', `/v1/tenants/${stark}`)).body as {
    monthly_credits: string;
    last_replenished_period: string;
  };
  await selectTenant(page, 'Stark Industries');
  await goTo(page, 'admin', 'replenish');
  await expect(page.getByTestId('last-replenished')).toContainText(tenant.last_replenished_period);
  await page.getByRole('button', { name: 'Preview replenishment…' }).click();
  const previewed = await readPreview(page);
  expect(previewed.transactions[0]).toMatchObject({ type: 'replenishment', amount: tenant.monthly_credits });
  const ids = await commitDialog(page, stark);
  await expectLedgerMatches(stark, ids, previewed);
  await expect(page.getByTestId('last-replenished')).not.toContainText(tenant.last_replenished_period);
});

async function reconcileOne(actual: (estimate: string) => string, expectKind: 'Charge' | 'Refund') {
  await goTo(page, 'admin', 'reconcile');
  const queue = page.getByTestId('reconcile-queue');
  await expect(queue).toBeVisible();
  const row = queue.locator('[role=row][data-row-key]').first();
  const workloadId = (await row.getAttribute('data-row-key')) ?? '';
  await row.click();
  const w = (await stack.sandboxRequest('GET', `/v1/workloads/${workloadId}`)).body as {
    estimate_credits: string;
    tenant_id: string;
  };
  const value = actual(w.estimate_credits);
  await page.getByLabel('Actual credits').fill(value);
  await expect(page.getByTestId('reconcile-outcome')).toContainText(`${expectKind} of`);
  await page.getByRole('button', { name: 'Preview reconciliation…' }).click();
  const previewed = await readPreview(page);
  const expectedType = expectKind === 'Charge' ? 'reconciliation charge' : 'reconciliation refund';
  expect(previewed.transactions[0]?.type).toBe(expectedType);
  const ids = await commitDialog(page);
  await expectLedgerMatches(w.tenant_id, ids, previewed);
  const after = (await stack.sandboxRequest('GET', `/v1/workloads/${workloadId}`)).body as {
    reconciled_at: string | null;
  };
  expect(after.reconciled_at).not.toBeNull();
  await expect(queue.locator(`[data-row-key="${workloadId}"]`)).toHaveCount(0);
}

test('reconciliation queue: typing actual above the estimate shows a charge, and commits it', async () => {
  await reconcileOne((estimate) => wireCredits(String(Number(estimate) + 3)), 'Charge');
});

test('reconciliation queue: typing actual below the estimate shows a refund, and commits it', async () => {
  await reconcileOne(() => '1', 'Refund');
});

test('metering tick: preview shows the blast radius; commit writes exactly the previewed usage', async () => {
  await stack.advanceClock(1800);
  await goTo(page, 'admin', 'metering');
  await page.getByRole('button', { name: 'Preview metering tick…' }).click();
  const previewed = await readPreview(page);
  const radius = page.getByTestId('blast-radius');
  await expect(radius).toContainText('Endpoints metered');
  expect(previewed.transactions.length).toBeGreaterThan(0);
  const ids = await commitDialog(page);
  expect(ids).toHaveLength(previewed.transactions.length);
  const tenants = [...new Set(previewed.transactions.map((t) => t.tenant))];
  for (const tenantId of tenants) await expectLedgerMatches(tenantId, ids, previewed);
});

test('cross-tenant views carry the identifying notice and list every kind', async () => {
  await goTo(page, 'admin', 'views');
  await expect(page.getByTestId('identifying-notice')).toHaveText(
    'Internal admin scope. This view spans all tenants. Treat tenant_id values as identifying.',
  );
  for (const view of ['transactions', 'endpoints', 'workloads', 'audit']) {
    await page.getByRole('radio', { name: view, exact: true }).check();
    await expect(page.getByTestId(`xview-${view}`).locator('[role=row][data-row-key]').first()).toBeVisible();
  }
});

test('the journal lists every commit of this session', async () => {
  await goTo(page, 'journal');
  await expect(page.getByTestId('journal-table').locator('[role=row][data-row-key]').first()).toBeVisible();
  await expect(page.getByTestId('journal-table')).toContainText('metering.tick');
});

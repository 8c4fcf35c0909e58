import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import type { Stack } from './stack';

/** Tenant ids of the demo seed, found by name through the sandbox (never hard-coded). */
export async function tenantIdByName(stack: Stack, name: string): Promise<string> {
  const answer = await stack.sandboxRequest('GET', `/v1/tenants?q=${encodeURIComponent(name)}&limit=50`);
  const found = (answer.body as { data: { id: string; name: string }[] }).data.find((t) =>
    t.name.startsWith(name),
  );
  if (!found) throw new Error(`no tenant named ${name}`);
  return found.id;
}

export type Wallet = { balance: string; reserved: string; version: number };

export async function walletOf(stack: Stack, tenantId: string): Promise<Wallet> {
  const answer = await stack.sandboxRequest('GET', `/v1/tenants/${tenantId}`);
  return (answer.body as { wallet: Wallet }).wallet;
}

export type LedgerRow = {
  id: string;
  type: string;
  amount: string;
  balance_after: string;
  reason: string;
  seq: number;
};

/** The newest `n` ledger rows of a tenant, newest first. */
export async function latestTransactions(stack: Stack, tenantId: string, n: number): Promise<LedgerRow[]> {
  const answer = await stack.sandboxRequest('GET', `/v1/tenants/${tenantId}/transactions?limit=${n}`);
  return (answer.body as { data: LedgerRow[] }).data;
}

/** Logs in through the web host's one-time URL and records any dialog (alert/confirm) the page opens. */
export async function openApp(page: Page, stack: Stack): Promise<{ dialogs: string[] }> {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(stack.loginUrl);
  await expect(page.getByTestId('profile-chip'))
    .toContainText('admin', { timeout: 15_000 })
    .catch(async () => {
      await expect(page.getByTestId('profile-chip')).toContainText('support');
    });
  return { dialogs };
}

export async function selectTenant(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByTestId('tenant-button').click();
  const box = page.getByRole('combobox', { name: 'Switch tenant' });
  await box.fill(name);
  // Wait for the debounced server-side search to answer (its results form the
  // "Matches" group, and only matches are left) before picking: the unfiltered
  // list shown meanwhile is re-rendered under that group, and a click that
  // lands during the swap picks nothing.
  const switcher = page.getByTestId('tenant-switcher');
  const matches = switcher.getByRole('group', { name: 'Matches' });
  await expect(matches).toBeVisible();
  await expect(switcher.getByText('Searching…')).toHaveCount(0);
  await expect(switcher.getByRole('option').filter({ hasNotText: name })).toHaveCount(0);
  const option = matches.getByRole('option').filter({ hasText: name }).first();
  await option.click();
  await expect(page.getByTestId('tenant-button')).toContainText(name);
}

export async function goTo(
  page: Page,
  screen: 'workloads' | 'endpoints' | 'wallet' | 'admin' | 'journal' | 'settings',
  section?: string,
): Promise<void> {
  // A string, not a function: this file is type-checked without the DOM library.
  await page.evaluate(
    `location.hash = ${JSON.stringify(section ? `#/${screen}/${section}` : `#/${screen}`)}`,
  );
}

/** No serious or critical accessibility violations on what is on screen now. */
export async function expectAccessible(page: Page, label: string, only?: string[]): Promise<void> {
  // @axe-core/playwright types against its own playwright-core copy; the page is the same object.
  const builder = new AxeBuilder({
    page: page as unknown as ConstructorParameters<typeof AxeBuilder>[0]['page'],
  });
  // Only violations are needed: skipping the details of passing nodes makes axe several times faster.
  builder.options({ resultTypes: ['violations'] });
  const results = await (only ? builder.withRules(only) : builder).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map(
      (v) =>
        `${label}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    ),
  ).toEqual([]);
}

export async function confirmDialog(page: Page) {
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

/** "−1,234.5" / "+25" as shown → the wire form "-1234.5" / "25". */
export function wireCredits(shown: string): string {
  return shown.trim().replace(/,/g, '').replace('−', '-').replace(/^\+/, '');
}

export type ShownTransaction = {
  type: string;
  tenant: string;
  amount: string;
  balanceAfter: string;
  reason: string;
};

/** Reads the effects the confirm dialog shows (server preview), in wire form. */
export async function readPreview(
  page: Page,
): Promise<{ transactions: ShownTransaction[]; wallets: string[][] }> {
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog.getByTestId('effects-summary')).toBeVisible();
  const transactions: ShownTransaction[] = [];
  const rows = dialog.getByTestId('effects-transactions').locator('tbody tr');
  const txCount = (await dialog.getByTestId('effects-transactions').count()) > 0 ? await rows.count() : 0;
  for (let i = 0; i < txCount; i++) {
    const cells = await rows.nth(i).locator('td').allInnerTexts();
    transactions.push({
      type: (cells[0] ?? '').trim(),
      tenant: (cells[1] ?? '').trim(),
      amount: wireCredits(cells[2] ?? ''),
      balanceAfter: wireCredits(cells[3] ?? ''),
      reason: (cells[4] ?? '').trim(),
    });
  }
  const wallets: string[][] = [];
  if ((await dialog.getByTestId('effects-wallets').count()) > 0) {
    const wrows = dialog.getByTestId('effects-wallets').locator('tbody tr');
    for (let i = 0; i < (await wrows.count()); i++) {
      const cells = await wrows.nth(i).locator('td').allInnerTexts();
      wallets.push([
        (cells[0] ?? '').trim(),
        wireCredits(cells[1] ?? ''),
        wireCredits((cells[2] ?? '').replace('→', '')),
      ]);
    }
  }
  return { transactions, wallets };
}

/** Confirms the open dialog (typing the friction text when asked) and returns the written transaction ids. */
export async function commitDialog(page: Page, typed?: string): Promise<string[]> {
  const dialog = page.getByTestId('confirm-dialog');
  const confirm = dialog.getByRole('button', { name: 'Confirm and commit' });
  if (typed !== undefined) {
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(/to confirm/).fill(typed);
  }
  await expect(confirm).toBeEnabled();
  await confirm.click();
  const result = dialog.getByTestId('commit-result');
  await expect(result).toBeVisible();
  const ids = await result.locator('.id-list code').allInnerTexts();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  return ids;
}

export const humanType = (type: string) => type.replaceAll('_', ' ');

import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { expectAccessible, goTo, openApp, selectTenant } from './support/screens-app';
import { type Stack, startStack } from './support/stack';

// Accessibility (axe: no serious/critical violations) and screenshots of every
// screen and of the confirm dialog, in light and dark; hostile strings render
// as text; every action is reachable from the keyboard alone.

let stack: Stack;
const SHOTS = 'docs/screenshots';
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startStack({ seed: 'demo' });
});
test.afterAll(async () => {
  await stack?.stop();
});

async function shot(page: Page, name: string, scheme: string) {
  await expect(page.locator('[aria-busy=true]')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: /^Loading/ })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/${name}-${scheme}.png` });
}

const views: {
  name: string;
  screen: Parameters<typeof goTo>[1];
  section?: string;
  tenant?: string;
  ready: (p: Page) => Promise<void>;
}[] = [
  {
    name: 'workloads',
    screen: 'workloads',
    ready: (p) => expect(p.getByTestId('workloads-table')).toBeVisible(),
  },
  {
    name: 'workload-detail',
    screen: 'workloads',
    ready: async (p) => {
      await p.getByTestId('workloads-table').locator('[role=row][data-row-key]').nth(4).click();
      await expect(p.getByTestId('workload-detail')).toBeVisible();
    },
  },
  {
    name: 'new-workload',
    screen: 'workloads',
    section: 'new',
    ready: (p) => expect(p.getByLabel('Blob URL')).toBeVisible(),
  },
  {
    // Globex has an endpoint in its grace period: the countdown and runway are in the picture.
    name: 'endpoints',
    screen: 'endpoints',
    tenant: 'Globex Research',
    ready: (p) => expect(p.getByTestId('grace-countdown')).toBeVisible(),
  },
  {
    name: 'wallet',
    screen: 'wallet',
    tenant: 'Acme Robotics',
    ready: (p) =>
      expect(p.getByTestId('transactions-table').locator('[role=row][data-row-key]').first()).toBeVisible(),
  },
  {
    name: 'admin-subscription',
    screen: 'admin',
    section: 'subscription',
    ready: (p) => expect(p.getByLabel('Plan')).toBeVisible(),
  },
  {
    name: 'admin-adjust',
    screen: 'admin',
    section: 'adjust',
    ready: (p) => expect(p.getByLabel('Reason')).toBeVisible(),
  },
  {
    name: 'admin-replenish',
    screen: 'admin',
    section: 'replenish',
    ready: (p) => expect(p.getByTestId('last-replenished')).toBeVisible(),
  },
  {
    name: 'admin-reconcile',
    screen: 'admin',
    section: 'reconcile',
    ready: async (p) => {
      await p.getByTestId('reconcile-queue').locator('[role=row][data-row-key]').first().click();
      await expect(p.getByLabel('Actual credits')).toBeVisible();
    },
  },
  {
    name: 'admin-metering',
    screen: 'admin',
    section: 'metering',
    ready: (p) => expect(p.getByRole('button', { name: 'Preview metering tick…' })).toBeVisible(),
  },
  {
    name: 'admin-views',
    screen: 'admin',
    section: 'views',
    ready: (p) =>
      expect(p.getByTestId('xview-transactions').locator('[role=row][data-row-key]').first()).toBeVisible(),
  },
  {
    name: 'journal',
    screen: 'journal',
    ready: (p) => expect(p.getByRole('heading', { name: 'Journal' })).toBeVisible(),
  },
  {
    name: 'settings',
    screen: 'settings',
    ready: (p) => expect(p.getByTestId('connection-status')).toBeVisible(),
  },
];

for (const scheme of ['light', 'dark'] as const) {
  test(`every screen, palette, help and the confirm dialog: axe-clean and photographed (${scheme})`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    // Full axe in light; in dark only what the theme changes (contrast), which keeps the suite fast.
    const rules = scheme === 'dark' ? ['color-contrast'] : undefined;
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await openApp(page, stack);
    await selectTenant(page, 'Acme Robotics');
    for (const v of views) {
      if (v.tenant) await selectTenant(page, v.tenant);
      await goTo(page, v.screen, v.section);
      await v.ready(page);
      await expectAccessible(page, `${v.name} (${scheme})`, rules);
      await shot(page, v.name, scheme);
    }

    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Command palette' }).fill('adj');
    await expectAccessible(page, `palette (${scheme})`, rules);
    await shot(page, 'command-palette', scheme);
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await expect(page.getByTestId('help')).toBeVisible();
    await expectAccessible(page, `help (${scheme})`, rules);
    await shot(page, 'help', scheme);
    await page.keyboard.press('Escape');

    // The confirm dialog with friction (negative adjustment).
    await goTo(page, 'admin', 'adjust');
    await page.getByRole('radio', { name: 'adjustment', exact: true }).check();
    await page.getByLabel('Amount (credits)').fill('-12.5');
    await page.getByLabel('Reason').fill('Correction: duplicate credit on ticket SUP-2231');
    await page.getByRole('button', { name: 'Preview adjustment…' }).click();
    await expect(page.getByTestId('confirm-dialog').getByTestId('effects-transactions')).toBeVisible();
    await expectAccessible(page, `confirm dialog (${scheme})`, rules);
    await shot(page, 'confirm-dialog', scheme);
    await page.keyboard.press('Escape');

    // The metering tick's blast radius.
    await goTo(page, 'admin', 'metering');
    await page.getByRole('button', { name: 'Preview metering tick…' }).click();
    await expect(page.getByTestId('blast-radius')).toBeVisible();
    await expectAccessible(page, `tick dialog (${scheme})`, rules);
    await shot(page, 'confirm-metering-tick', scheme);
    await page.keyboard.press('Escape');
  });
}

test('a production backend is unmistakable: red frame, banner, environment name typed for the tick', async ({
  page,
}) => {
  const prod = await startStack({
    seed: 'demo',
    environmentKind: 'production',
    environmentName: 'Production EU',
  });
  try {
    await openApp(page, prod);
    await expect(page.locator('.app')).toHaveAttribute('data-env', 'production');
    await expect(page.getByTestId('env-banner')).toContainText('PRODUCTION');
    // The built-in profile expects a sandbox: writes stay blocked until acknowledged.
    await goTo(page, 'settings');
    await page.getByRole('button', { name: /I understand/ }).click();
    await goTo(page, 'admin', 'metering');
    await page.getByRole('button', { name: 'Preview metering tick…' }).click();
    const dialog = page.getByTestId('confirm-dialog');
    await expect(dialog.getByLabel(/Type the environment name/)).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Confirm and commit' })).toBeDisabled();
    await dialog.getByLabel(/Type the environment name/).fill('Production EU');
    await expect(dialog.getByRole('button', { name: 'Confirm and commit' })).toBeEnabled();
    await page.emulateMedia({ colorScheme: 'light' });
    await shot(page, 'production-tick', 'light');
    await page.keyboard.press('Escape');
    // The frame, banner and the solid red profile chip pass axe (contrast included) in both schemes.
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expectAccessible(page, `production shell (${scheme})`);
      await shot(page, 'production-shell', scheme);
    }
  } finally {
    await prod.stop();
  }
});

test('the layout holds at the smallest supported window, 1024×700', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.emulateMedia({ colorScheme: 'light' });
  await openApp(page, stack);
  await selectTenant(page, 'Acme Robotics');
  for (const [screen, section, name] of [
    ['wallet', undefined, 'wallet'],
    ['workloads', 'new', 'new-workload'],
    ['admin', 'reconcile', 'admin-reconcile'],
    ['settings', undefined, 'settings'],
  ] as const) {
    await goTo(page, screen, section);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // Nothing spills sideways out of the window.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1024);
    await shot(page, `${name}-1024x700`, 'light');
  }
  await goTo(page, 'admin', 'adjust');
  await page.getByRole('radio', { name: 'top_up', exact: true }).check();
  await page.getByLabel('Amount (credits)').fill('1500');
  await page.getByLabel('Reason').fill('Annual prepayment, invoice INV-2044');
  await page.getByRole('button', { name: 'Preview top-up…' }).click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog.getByLabel(/Type the tenant id/)).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Confirm and commit' })).toBeInViewport();
  await shot(page, 'confirm-dialog-1024x700', 'light');
  await page.keyboard.press('Escape');
});

test('HTML and script payloads in tenant name, reason and workload name render as inert text', async ({
  page,
}) => {
  const { dialogs } = await openApp(page, stack);
  await selectTenant(page, 'Hooli');
  await expect(page.getByTestId('tenant-button')).toContainText('Hooli <img src=x onerror=alert(1)>');
  await goTo(page, 'workloads');
  await expect(page.getByTestId('workloads-table')).toContainText('<script>alert("xss")</script>');
  await expect(page.getByTestId('workloads-table')).toContainText('<img src=x onerror=alert(2)>');
  await goTo(page, 'wallet');
  await page.getByRole('searchbox', { name: 'Search id or reason' }).fill('Chargeback');
  await expect(page.getByTestId('transactions-table')).toContainText(
    'Chargeback <script>alert("xss")</script> per <b>finance</b>',
  );
  await goTo(page, 'endpoints');
  await expect(page.getByTestId('endpoints-table')).toContainText('<svg onload=alert(3)>-endpoint');
  expect(await page.locator('main img, main script, main svg[onload], main b').count()).toBe(0);
  expect(dialogs).toEqual([]);
});

test('keyboard only: switch tenant, navigate, top up through the dialog, and walk a table', async ({
  page,
}) => {
  await openApp(page, stack);
  const kb = page.keyboard;
  await kb.press('t');
  await kb.type('Stark');
  await expect(page.getByTestId('tenant-switcher').getByRole('option')).toHaveCount(1);
  await kb.press('Enter');
  await expect(page.getByTestId('tenant-button')).toContainText('Stark Industries');

  // Palette to the admin action.
  await kb.press('Control+k');
  await kb.type('adjustment');
  await kb.press('Enter');
  await expect(page.getByRole('heading', { name: 'Manual adjustment or top-up' })).toBeVisible();
  // Tab from the top of the form: radio group, amount, reason, preview.
  await page.getByRole('radio', { name: 'top_up', exact: true }).focus();
  await kb.press('Tab');
  await kb.type('3');
  await kb.press('Tab');
  await kb.type('Keyboard-only top-up');
  await kb.press('Tab');
  await expect(page.getByRole('button', { name: 'Preview top-up…' })).toBeFocused();
  await kb.press('Enter');
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expect(dialog.getByRole('button', { name: 'Confirm and commit' })).toBeEnabled();
  await kb.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Confirm and commit' })).toBeFocused();
  await kb.press('Enter');
  await expect(dialog.getByTestId('commit-result')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await kb.press('Enter');
  await expect(dialog).toHaveCount(0);

  // Screen shortcut, then the transaction grid by keys.
  await kb.press('Control+3');
  const grid = page.getByTestId('transactions-table');
  await expect(grid.locator('[role=row][data-row-key]').first()).toContainText('Keyboard-only top-up');
  await grid.focus();
  const active = async () => (await grid.getAttribute('aria-activedescendant')) ?? '';
  const first = await active();
  await kb.press('ArrowDown');
  expect(await active()).not.toBe(first);
  await kb.press('End');
  const last = await active();
  await expect(page.locator(`[id="${last}"]`)).toBeVisible();
  await kb.press('Home');
  expect(await active()).toBe(first);

  // Workloads of another tenant: open a row with Enter.
  await kb.press('t');
  await kb.type('Acme Rob');
  await expect(page.getByTestId('tenant-switcher').getByRole('option')).toHaveCount(1);
  await kb.press('Enter');
  await kb.press('Control+1');
  const wgrid = page.getByTestId('workloads-table');
  await expect(wgrid).toBeVisible();
  await wgrid.focus();
  await kb.press('Enter');
  await expect(page.getByTestId('workload-detail')).toBeVisible();
});

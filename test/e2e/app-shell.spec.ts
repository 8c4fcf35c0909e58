import { expect, test } from '@playwright/test';
import { type Started, startWebHost } from './support/stack';

let host: Started;

test.beforeAll(async () => {
  host = await startWebHost();
});

test.afterAll(async () => {
  await host?.stop();
});

test('the built renderer shows the version it got from the main core over the bridge', async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.goto(host.url);
  await expect(page.getByTestId('app-version')).toHaveText(/Version \d+\.\d+\.\d+ \(web\)/);
  expect(consoleErrors).toEqual([]);
});

test('the web host refuses a browser that never presented the per-run secret', async ({ browser }) => {
  const stranger = await browser.newContext();
  const page = await stranger.newPage();
  const origin = new URL(host.url).origin;
  const response = await page.goto(`${origin}/`);
  expect(response?.status()).toBe(401);
  await stranger.close();
});

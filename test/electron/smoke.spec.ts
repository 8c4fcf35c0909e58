import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ConsoleMessage, _electron as electron, expect, test } from '@playwright/test';
import { electronTarget } from './electron-binary';

/**
 * The release smoke test: launch, the window shows, the preload bridge
 * answers, and nothing logs an error. The release workflow runs it against
 * each platform's packaged app; `npm test` runs it against the development
 * binary wherever one exists, and reports it as skipped, with the reason,
 * where none does.
 */
const root = process.cwd();
const target = electronTarget(root);
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

if (!target.available && !process.env.ELECTRON_APP_PATH)
  console.log(`Electron smoke test skipped: ${target.reason}`);

test('the app launches, shows its window and answers over the preload bridge without console errors', async () => {
  // A release run names the app to test: then a missing binary is a failure, never a skip.
  if (!target.available && process.env.ELECTRON_APP_PATH) throw new Error(target.reason);
  test.skip(!target.available, target.available ? '' : target.reason);
  if (!target.available) return;

  const app = await electron.launch({
    executablePath: target.executablePath,
    args: target.args,
    // Updates must not reach the network from a test run.
    env: { ...process.env, MM_DISABLE_UPDATES: '1', ELECTRON_ENABLE_LOGGING: '1' },
  });
  const problems: string[] = [];
  const mainProcessErrors: string[] = [];
  app.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') mainProcessErrors.push(message.text());
  });
  try {
    const window = await app.firstWindow();
    window.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
    });
    window.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    // Listeners are attached now; load once more so a whole start-up is observed.
    await window.reload({ waitUntil: 'load' });

    await expect
      .poll(() =>
        app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible())),
      )
      .toEqual([true]);
    expect(window.url()).toBe('app://operator/index.html');

    const answer = await window.evaluate(() =>
      (
        window as unknown as { operator: { app: { version: () => Promise<unknown> } } }
      ).operator.app.version(),
    );
    expect(answer).toEqual({
      ok: true,
      value: { version, platform: process.platform, runtime: 'electron' },
    });

    // The renderer is sandboxed: no Node in the page, only the named operations.
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    );
    expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe(
      'undefined',
    );

    expect(problems).toEqual([]);
    expect(mainProcessErrors).toEqual([]);
    if (target.kind === 'packaged')
      expect(await app.evaluate(({ app: electronApp }) => electronApp.isPackaged)).toBe(true);
  } finally {
    await app.close();
  }
});

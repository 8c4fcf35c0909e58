import { defineConfig } from '@playwright/test';

// The Electron smoke test: launches a real Electron binary (the dev binary from
// node_modules/electron, or a packaged app named by ELECTRON_APP_PATH) and is
// skipped, with the reason, where there is none. Kept apart from
// playwright.config.ts, whose tests drive Debian's Chromium.
export default defineConfig({
  testDir: 'test/electron',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: 'test-results/electron',
  use: { trace: 'retain-on-failure' },
});

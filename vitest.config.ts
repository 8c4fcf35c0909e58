import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Two projects: plain Node for main core, shared code and the sandbox; a DOM
// for React components. End-to-end tests belong to Playwright, not here.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/renderer/**', 'test/e2e/**', '**/node_modules/**'],
          // Every file ends with the whole-run token sweep (test/support/token-sweep.ts).
          setupFiles: ['test/support/token-sweep.setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          server: { deps: { inline: ['electron-store'] } },
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/renderer/setup.ts'],
        },
      },
    ],
  },
});

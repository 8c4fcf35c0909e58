import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronTarget =
  | { available: true; kind: 'packaged' | 'development'; executablePath: string; args: string[] }
  | { available: false; reason: string };

/**
 * What to launch. ELECTRON_APP_PATH names a packaged app's executable (the
 * release workflow sets it); otherwise the development binary of the
 * `electron` package, running the built app in out/. Since Electron 42 that
 * package fetches its binary from GitHub on first require('electron'); this
 * only looks for a binary already on disk (path.txt and dist/, the files that
 * require would read), so a machine that cannot reach GitHub skips quickly
 * with the reason instead of attempting a download in every test run.
 * `npx install-electron` fetches it where the network allows.
 */
export function electronTarget(root: string, env = process.env): ElectronTarget {
  const packaged = env.ELECTRON_APP_PATH;
  if (packaged) {
    return existsSync(packaged)
      ? { available: true, kind: 'packaged', executablePath: packaged, args: [] }
      : { available: false, reason: `ELECTRON_APP_PATH does not exist: ${packaged}` };
  }
  const electronDir = join(root, 'node_modules', 'electron');
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile))
    return {
      available: false,
      reason:
        'no Electron binary on this machine (node_modules/electron has not downloaded it; see TOOLCHAIN.md)',
    };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const executablePath = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, relative)
    : join(electronDir, 'dist', relative);
  if (!existsSync(executablePath))
    return { available: false, reason: `the Electron binary is missing at ${executablePath}` };
  if (!existsSync(join(root, 'out/main/index.js')))
    return { available: false, reason: 'out/ is not built; run npm run build first' };
  return { available: true, kind: 'development', executablePath, args: [root] };
}

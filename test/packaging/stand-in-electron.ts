import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Electron's fuse wire as @electron/fuses finds it: a sentinel, the wire
 * version (1), the number of fuses, then one ASCII '0'/'1' per fuse.
 * Order: RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable,
 * EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation,
 * OnlyLoadAppFromAsar, LoadBrowserProcessSpecificV8Snapshot,
 * GrantFileProtocolExtraPrivileges.
 */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** What a stock Electron 45 binary ships with: every fuse at its permissive default. */
export const STOCK_FUSE_WIRE = '10110001';

/**
 * Lays out the unpacked-Electron directory that electron-builder's
 * `electronDist` option copies instead of downloading the release zip, with
 * just what its Linux packager touches: the `electron` executable (renamed to
 * the app's executable name), `resources/` (where app.asar is written), the
 * licence files and `version`. Omitted on purpose: `resources/default_app.asar`,
 * because electron-builder hashes every .asar in resources/ and a fake one
 * fails to parse.
 *
 * The executable is a shell script that only exits, with a real fuse wire
 * appended, so electron-builder's `electronFuses` step runs unmodified and the
 * test can read back what it wrote. It cannot launch an app; the Playwright
 * smoke test in test/electron/ does that wherever a real binary exists.
 */
export function createStandInElectron(dir: string, electronVersion: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const executable = join(dir, 'electron');
  writeFileSync(
    executable,
    Buffer.concat([
      Buffer.from('#!/bin/sh\necho "stand-in Electron: cannot run an app" >&2\nexit 1\n'),
      Buffer.from(FUSE_SENTINEL, 'ascii'),
      Buffer.from([1, STOCK_FUSE_WIRE.length]),
      Buffer.from(STOCK_FUSE_WIRE, 'ascii'),
      Buffer.from('\n'),
    ]),
  );
  chmodSync(executable, 0o755);
  writeFileSync(join(dir, 'version'), electronVersion);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for the Electron licence.\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<p>Stand-in for the Chromium licences.</p>\n');
  return dir;
}

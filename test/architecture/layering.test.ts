import { describe, expect, it } from 'vitest';
import { importsOf, layeringViolations, packagesReachedFrom, readRefs } from './import-graph';

const root = process.cwd();

describe('layering rules', () => {
  it('hold for the whole code base', () => {
    const refs = readRefs(root, ['main', 'preload', 'renderer', 'shared', 'sandbox']);
    expect(refs.length).toBeGreaterThan(10);
    expect(layeringViolations(refs)).toEqual([]);
  });

  // The checker itself must be able to fail: each rule against a planted file.
  it.each([
    ['renderer/src/x.tsx', "import { thing } from '../../main/core/ipc/dispatcher';", 'may not import main'],
    ['renderer/src/x.tsx', "import { readFile } from 'node:fs';", 'neither Electron nor Node'],
    ['main/core/x.ts', "import { App } from '../../renderer/src/App';", 'may not import the renderer'],
    ['main/core/x.ts', "import { ipcMain } from 'electron';", 'only main/electron/ipc.ts may use ipcMain'],
    [
      'main/electron/other.ts',
      "import { app, ipcMain } from 'electron';",
      'only main/electron/ipc.ts may use ipcMain',
    ],
    ['main/core/x.ts', "import { app } from 'electron';", 'Electron is imported only'],
    ['renderer/src/x.ts', "const { ipcRenderer } = require('electron');", 'neither Electron nor Node'],
    ['shared/x.ts', "import { createHash } from 'node:crypto';", 'shared code imports neither'],
    ['shared/x.ts', "import crypto from 'crypto';", 'shared code imports neither'],
    ['shared/x.ts', "export { app } from 'electron';", 'shared code imports neither'],
    ['sandbox/x.ts', "import { x } from '../main/core/x';", 'sandbox may only share'],
    ['main/core/x.ts', "const s = await import('../../sandbox/cli');", 'may not depend on the sandbox'],
  ])('flags %s with "%s"', (file, source, message) => {
    const problems = layeringViolations(importsOf(file, source, root));
    expect(problems.join('\n')).toContain(message);
  });

  it('allows type-only Electron imports in the core', () => {
    expect(
      layeringViolations(importsOf('main/core/x.ts', "import type { BrowserWindow } from 'electron';", root)),
    ).toEqual([]);
  });

  // Validation belongs to main: the renderer bundle must not carry zod. Type
  // imports from shared/api are fine; a runtime one (even through shared/) is not.
  it('keeps zod out of the renderer bundle', () => {
    const refs = readRefs(root, ['renderer', 'shared']);
    const reached = packagesReachedFrom('renderer', refs);
    expect(reached.has('react')).toBe(true);
    expect(reached.get('zod')).toBeUndefined();
    const planted = [
      ...refs,
      ...importsOf(
        'renderer/src/x.ts',
        "import { parseCredits } from '../../shared/api/credit-schemas';",
        root,
      ),
    ];
    expect(packagesReachedFrom('renderer', planted).get('zod')).toBe('shared/api/credit-schemas.ts');
  });
});

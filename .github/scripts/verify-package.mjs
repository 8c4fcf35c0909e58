#!/usr/bin/env node
// Reads the fuse wire back from a packaged app and fails unless it is exactly
// what electron-builder.yml asks for. With --twin, also checks the test twin
// used for the Playwright smoke test: Playwright's _electron.launch needs the
// Node inspector, so the twin is the same build with only
// EnableNodeCliInspectArguments switched on; it must differ from the shipped
// app in that one fuse and carry a byte-identical app.asar.
//
// Usage: node .github/scripts/verify-package.mjs --app <exe or .app> [--twin <exe or .app>]
// Used by .github/workflows/release.yml and ci.yml, and exercised on a stand-in
// build by test/packaging/pack-smoke.test.ts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';

const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');
// The same @electron/fuses that electron-builder used to write the wire.
const fromBuilder = createRequire(
  createRequire(join(root, 'package.json')).resolve('app-builder-lib/package.json'),
);
const { getCurrentFuseWire, FuseV1Options } = fromBuilder('@electron/fuses');

const INSPECT = 'enableNodeCliInspectArguments';

/** electronFuses from electron-builder.yml as { wire index: '0' | '1' }. */
export function expectedWire(configText) {
  const fuses = parse(configText).electronFuses ?? {};
  const wire = {};
  for (const [name, on] of Object.entries(fuses)) {
    if (name === 'resetAdHocDarwinSignature') continue;
    const index = FuseV1Options[name[0].toUpperCase() + name.slice(1)];
    if (typeof index !== 'number') throw new Error(`electron-builder.yml names an unknown fuse: ${name}`);
    wire[index] = on ? '1' : '0';
  }
  return wire;
}

async function actualWire(app) {
  const config = await getCurrentFuseWire(app);
  const wire = {};
  for (const [key, state] of Object.entries(config))
    if (key !== 'version') wire[key] = String.fromCharCode(state);
  return wire;
}

function asarOf(app) {
  const resources = app.endsWith('.app')
    ? join(app, 'Contents', 'Resources')
    : join(dirname(app), 'resources');
  return join(resources, 'app.asar');
}

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Returns a list of problems; empty means the package is as configured. */
export async function verify({ app, twin, configText }) {
  const problems = [];
  const expected = expectedWire(configText);
  const shipped = await actualWire(app);
  for (const [index, want] of Object.entries(expected)) {
    const name = FuseV1Options[index];
    console.log(
      `${name}: ${shipped[index] === '1' ? 'Enabled' : 'Disabled'} (want ${want === '1' ? 'Enabled' : 'Disabled'})`,
    );
    if (shipped[index] !== want) problems.push(`${app}: ${name} is ${shipped[index]}, expected ${want}`);
  }
  if (twin) {
    const inspectIndex = String(FuseV1Options.EnableNodeCliInspectArguments);
    const twinWire = await actualWire(twin);
    for (const [index, want] of Object.entries(expected)) {
      const twinWant = index === inspectIndex ? '1' : want;
      if (twinWire[index] !== twinWant)
        problems.push(
          `${twin}: ${FuseV1Options[index]} is ${twinWire[index]}, expected ${twinWant} (twin of ${app})`,
        );
    }
    if (sha256(asarOf(app)) !== sha256(asarOf(twin)))
      problems.push(
        `${twin}: app.asar differs from the shipped app's; the smoke test would not test what ships`,
      );
    else console.log(`twin: same app.asar, only ${INSPECT} differs`);
  }
  return problems;
}

if (resolve(process.argv[1] ?? '') === resolve(new URL(import.meta.url).pathname)) {
  const { values } = parseArgs({ options: { app: { type: 'string' }, twin: { type: 'string' } } });
  if (!values.app) {
    console.error('usage: verify-package.mjs --app <exe or .app> [--twin <exe or .app>]');
    process.exit(2);
  }
  const problems = await verify({
    app: values.app,
    twin: values.twin,
    configText: readFileSync(join(root, 'electron-builder.yml'), 'utf8'),
  });
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log('fuses verified');
}

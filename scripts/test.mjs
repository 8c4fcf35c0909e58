#!/usr/bin/env node
// `npm test`: every check in the order the foundation issue fixes, stopping at
// the first failure. Each runner prints its own summary.
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['unit tests', 'npx', ['vitest', 'run']],
  ['contract lint (OpenAPI)', 'npm', ['run', '--silent', 'lint:openapi']],
  ['security check', 'npm', ['run', '--silent', 'test:security']],
  ['workflow lint (actionlint)', 'npm', ['run', '--silent', 'lint:workflows']],
  ['build', 'npm', ['run', '--silent', 'build']],
  ['end-to-end tests', 'npx', ['playwright', 'test']],
  // Skipped, with the reason, where no Electron binary exists (as here).
  ['Electron smoke test', 'npm', ['run', '--silent', 'test:electron']],
];

const started = Date.now();
for (const [name, command, args] of steps) {
  const stepStart = Date.now();
  console.log(`\n━━ ${name} ━━`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const seconds = ((Date.now() - stepStart) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed after ${seconds}s; later steps were not run.`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${name} (${seconds}s)`);
}
console.log(`\nAll ${steps.length} steps passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`);

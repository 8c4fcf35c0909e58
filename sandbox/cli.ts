import { parseArgs } from 'node:util';
import { EnvironmentKind } from '../shared/api';
import { isSeedName } from './seed';
import { startSandbox } from './server';

/**
 * npm run sandbox -- --port 8787 --data <dir> --seed demo|empty|large
 *   [--clock manual] [--clock-start <iso>] [--grace <seconds>] [--host 127.0.0.1]
 *   [--environment-kind sandbox|staging|production] [--environment-name <text>]
 *
 * Prints one machine-readable line once listening:
 *   SANDBOX_READY http://127.0.0.1:<port> admin_token=<t> support_token=<t>
 */
function fail(message: string): never {
  console.error(`sandbox: ${message}`);
  process.exit(2);
}

function parseFlags() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string' },
        seed: { type: 'string', default: 'empty' },
        clock: { type: 'string', default: 'real' },
        'clock-start': { type: 'string' },
        grace: { type: 'string', default: '3600' },
        'environment-kind': { type: 'string', default: process.env.MM_SANDBOX_ENVIRONMENT_KIND ?? 'sandbox' },
        'environment-name': {
          type: 'string',
          default: process.env.MM_SANDBOX_ENVIRONMENT_NAME ?? 'Local sandbox',
        },
        'validate-responses': { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}
const { values } = parseFlags();

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be 0–65535');
if (!values.data) fail('--data <dir> is required');
if (!isSeedName(values.seed)) fail('--seed must be empty, demo or large');
if (values.clock !== 'real' && values.clock !== 'manual') fail('--clock must be real or manual');
const grace = Number(values.grace);
if (!Number.isInteger(grace) || grace < 0) fail('--grace must be a whole number of seconds');
const kind = EnvironmentKind.safeParse(values['environment-kind']);
if (!kind.success) fail('--environment-kind must be sandbox, staging or production');
const clockStart = values['clock-start'] === undefined ? undefined : Date.parse(values['clock-start']);
if (clockStart !== undefined && Number.isNaN(clockStart)) fail('--clock-start must be an ISO-8601 instant');

const started = Date.now();
const sandbox = await startSandbox({
  port,
  host: values.host,
  dataDir: values.data,
  seed: values.seed,
  clock: values.clock,
  ...(clockStart !== undefined ? { clockStartMs: clockStart } : {}),
  graceSeconds: grace,
  environmentKind: kind.data,
  environmentName: values['environment-name'],
  validateResponses: values['validate-responses'] || process.env.MM_SANDBOX_VALIDATE_RESPONSES === '1',
});

console.log(
  `ModelMachines sandbox (${sandbox.seeded ? `new data dir, seed ${values.seed}` : 'existing data dir'}) ready in ${Date.now() - started} ms`,
);
console.log(`  URL            ${sandbox.url}`);
console.log(`  admin token    ${sandbox.adminToken}`);
console.log(`  support token  ${sandbox.supportToken}`);
console.log(`  clock          ${values.clock}, grace ${grace}s, environment ${kind.data}`);
console.log(
  `SANDBOX_READY ${sandbox.url} admin_token=${sandbox.adminToken} support_token=${sandbox.supportToken}`,
);

let closing = false;
const shutdown = (signal: string) => {
  if (closing) return;
  closing = true;
  console.log(`sandbox: ${signal}, closing`);
  sandbox.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
// A parent that started us with a stdin pipe (spawnSandbox) may die without
// signalling; its end of the pipe closes with it, and so do we: no orphans.
if (process.env.MM_SANDBOX_EXIT_WITH_STDIN === '1') {
  process.stdin.on('end', () => shutdown('stdin closed'));
  process.stdin.on('error', () => shutdown('stdin error'));
  process.stdin.resume();
}

#!/usr/bin/env node
// `npm start`: the desktop app against the local sandbox backend, which it
// starts for you. Where the Electron binary is missing (offline machines), it
// says so and points at `npm run start:web`, which runs the same main core and
// renderer in a browser.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
let electronPath;
try {
  electronPath = require('electron');
} catch (error) {
  console.error(
    `The Electron binary is not available on this machine (${error instanceof Error ? error.message.split('\n')[0] : error}).\n` +
      'Run `npm run start:web` instead: it starts the sandbox and serves the same app to a browser.',
  );
  process.exit(1);
}

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const dataDir = process.env.MM_SANDBOX_DATA ?? join(homedir(), '.modelmachines-operator', 'sandbox');
const sandbox = spawn(
  process.execPath,
  ['--import', 'tsx', 'sandbox/cli.ts', '--port', '8787', '--data', dataDir, '--seed', 'demo'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const sandboxUrl = await new Promise((resolve, reject) => {
  createInterface({ input: sandbox.stdout }).on('line', (line) => {
    // SANDBOX_READY <url> admin_token=<t> support_token=<t>: the URL is the first word.
    if (line.startsWith('SANDBOX_READY '))
      resolve(line.slice('SANDBOX_READY '.length).trim().split(/\s+/)[0]);
    else console.log(line);
  });
  sandbox.once('exit', (code) => reject(new Error(`the sandbox exited with ${code}`)));
});

const app = spawn(electronPath, ['.'], {
  stdio: 'inherit',
  env: { ...process.env, MM_LOCAL_SANDBOX_URL: sandboxUrl },
});
app.once('exit', (code) => {
  sandbox.kill('SIGTERM');
  process.exit(code ?? 0);
});

#!/usr/bin/env node
// `npm run start:web`: for machines that cannot run the Electron window. Builds
// the renderer, starts the local sandbox backend and the loopback web host
// (the real main core), and prints the one URL to open in a browser.
import { spawn, spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const children = [];
function start(args, readyWord, env = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      // The ready lines carry secrets (tokens, the login secret): parsed, not echoed.
      if (line.startsWith(`${readyWord} `)) resolve(line.slice(readyWord.length + 1).trim());
      else if (!/token/i.test(line)) console.log(line);
    });
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
}

const stopAll = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

const dataDir = process.env.MM_SANDBOX_DATA ?? join(homedir(), '.modelmachines-operator', 'sandbox');
// SANDBOX_READY <url> admin_token=<t> support_token=<t>
const ready = await start(
  ['sandbox/cli.ts', '--port', '8787', '--data', dataDir, '--seed', 'demo'],
  'SANDBOX_READY',
);
const [sandboxUrl] = ready.split(/\s+/);
const adminToken = /admin_token=(\S+)/.exec(ready)?.[1];
const webhostData = process.env.MM_WEBHOST_DATA ?? join(homedir(), '.modelmachines-operator', 'webhost');
// The web host holds the sandbox's admin token for this session only (MM_WEBHOST_TOKEN).
const loginUrl = await start(
  [
    'main/webhost/cli.ts',
    '--sandbox-url',
    sandboxUrl,
    '--data',
    webhostData,
    '--export-dir',
    join(webhostData, 'exports'),
  ],
  'WEBHOST_READY',
  adminToken ? { MM_WEBHOST_TOKEN: adminToken } : {},
);
console.log(`\nOpen this URL in a browser (it carries this run's secret):\n\n  ${loginUrl}\n`);

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
function start(args, readyWord) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      console.log(line);
      if (line.startsWith(`${readyWord} `)) resolve(line.slice(readyWord.length + 1).trim());
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
const sandboxUrl = await start(
  ['sandbox/cli.ts', '--port', '8787', '--data', dataDir, '--seed', 'demo'],
  'SANDBOX_READY',
);
const loginUrl = await start(['main/webhost/cli.ts', '--sandbox-url', sandboxUrl], 'WEBHOST_READY');
console.log(`\nOpen this URL in a browser (it carries this run's secret):\n\n  ${loginUrl}\n`);

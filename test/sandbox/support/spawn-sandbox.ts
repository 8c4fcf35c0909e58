import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { learnToken } from '../../support/token-sweep';

/**
 * Starts the sandbox as a real, separate process (`node --import tsx
 * sandbox/cli.ts`) on a random port with a temporary data dir, and resolves
 * once it prints its SANDBOX_READY line. Reusable by any test that needs a
 * backend: main-process core tests, e2e, benchmarks.
 *
 *   const sb = await spawnSandbox({ seed: 'demo', clock: 'manual' });
 *   await fetch(`${sb.url}/v1/me`, { headers: { authorization: `Bearer ${sb.adminToken}` } });
 *   await sb.stop();
 */
export interface SpawnSandboxOptions {
  seed?: 'empty' | 'demo' | 'large';
  /** Tests should use 'manual' and drive time with POST /sandbox/clock. Default 'manual'. */
  clock?: 'real' | 'manual';
  /** ISO instant the manual clock starts at (fresh data dir only). */
  clockStart?: string;
  graceSeconds?: number;
  environmentKind?: 'sandbox' | 'staging' | 'production';
  environmentName?: string;
  /** Reuse a data dir (e.g. to test a restart). Default: a new temp dir, removed by stop(). */
  dataDir?: string;
  /** Check every response against the contract inside the sandbox (a mismatch becomes a 500). Default true. */
  validateResponses?: boolean;
  adminToken?: string;
  supportToken?: string;
  /** Milliseconds to wait for SANDBOX_READY. Default 60 s (the large seed on a busy machine). */
  readyTimeoutMs?: number;
}

export interface SpawnedSandbox {
  url: string;
  adminToken: string;
  supportToken: string;
  dataDir: string;
  pid: number;
  /** Everything the process wrote so far (for failure messages). */
  output(): string;
  /** SIGTERM to the whole process group, SIGKILL after 5 s; removes a temp data dir unless keepData. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export async function spawnSandbox(options: SpawnSandboxOptions = {}): Promise<SpawnedSandbox> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mm-sandbox-'));
  const args = [
    '--import',
    'tsx',
    join(repoRoot, 'sandbox', 'cli.ts'),
    '--port',
    '0',
    '--data',
    dataDir,
    '--seed',
    options.seed ?? 'empty',
    '--clock',
    options.clock ?? 'manual',
    '--grace',
    String(options.graceSeconds ?? 3600),
    '--environment-kind',
    options.environmentKind ?? 'sandbox',
  ];
  if (options.clockStart !== undefined) args.push('--clock-start', options.clockStart);
  if (options.environmentName !== undefined) args.push('--environment-name', options.environmentName);
  if (options.validateResponses ?? true) args.push('--validate-responses');

  const env: NodeJS.ProcessEnv = { ...process.env, NODE_NO_WARNINGS: '1', MM_SANDBOX_EXIT_WITH_STDIN: '1' };
  if (options.adminToken !== undefined) env.MM_SANDBOX_ADMIN_TOKEN = options.adminToken;
  if (options.supportToken !== undefined) env.MM_SANDBOX_SUPPORT_TOKEN = options.supportToken;

  // detached: the child leads its own process group, so stop() can signal it and anything it spawned.
  // stdin is a pipe only so that the sandbox exits by itself if this process dies without calling stop().
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const ready = await new Promise<{ url: string; adminToken: string; supportToken: string }>(
    (resolve, reject) => {
      const timer = setTimeout(() => {
        killGroup(child, 'SIGKILL');
        reject(new Error(`sandbox did not become ready in time\n${output}`));
      }, options.readyTimeoutMs ?? 60_000);
      let buffered = '';
      child.stdout?.on('data', (chunk: string) => {
        output += chunk;
        buffered += chunk;
        const match = /^SANDBOX_READY (\S+) admin_token=(\S+) support_token=(\S+)$/m.exec(buffered);
        if (match?.[1] && match[2] && match[3]) {
          clearTimeout(timer);
          resolve({ url: match[1], adminToken: match[2], supportToken: match[3] });
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`sandbox exited with ${code} before it was ready\n${output}`));
      });
    },
  );

  // The whole-run token sweep searches everything the app let out for these.
  learnToken(ready.adminToken);
  learnToken(ready.supportToken);

  let stopped: Promise<void> | null = null;
  return {
    ...ready,
    dataDir,
    pid: child.pid ?? -1,
    output: () => output,
    stop(stopOptions = {}) {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          killGroup(child, 'SIGTERM');
          const forced = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
          await exited;
          clearTimeout(forced);
        }
        if (ownDataDir && !stopOptions.keepData) rmSync(dataDir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

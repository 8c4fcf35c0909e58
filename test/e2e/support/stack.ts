import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { createInterface } from 'node:readline';

export type Started = { url: string; stop(): Promise<void> };

/**
 * Starts a child process and resolves once it prints `<READY_WORD> <url>`.
 * The process gets its own group so stop() also ends anything it spawned.
 */
export async function startProcess(
  command: string,
  args: string[],
  readyWord: string,
  env: NodeJS.ProcessEnv = {},
): Promise<Started> {
  const child: ChildProcess = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line.startsWith(`${readyWord} `)) resolve(line.slice(readyWord.length + 1).trim());
    });
    child.once('exit', (code) =>
      reject(new Error(`${command} ${args.join(' ')} exited (${code}) before ready:\n${stderr.join('')}`)),
    );
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.pid === undefined) return;
      const exited = once(child, 'exit');
      process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}

/** The web host wired to one sandbox, holding `token` for the Local sandbox profile. */
export function startWebHostFor(input: {
  sandboxUrl: string;
  dataDir: string;
  exportDir: string;
  token: string;
}): Promise<Started> {
  return startProcess(
    process.execPath,
    [
      '--import',
      'tsx',
      'main/webhost/cli.ts',
      '--sandbox-url',
      input.sandboxUrl,
      '--data',
      input.dataDir,
      '--export-dir',
      input.exportDir,
      // Every response and event the browser got, for the token sweep in stop().
      '--transcript',
      joinPath(input.dataDir, TRANSCRIPT_FILE),
    ],
    'WEBHOST_READY',
    { MM_WEBHOST_TOKEN: input.token },
  );
}

export function startWebHost(extraArgs: string[] = []): Promise<Started> {
  return startProcess(
    process.execPath,
    ['--import', 'tsx', 'main/webhost/cli.ts', ...extraArgs],
    'WEBHOST_READY',
  );
}

export type StackOptions = {
  seed?: 'empty' | 'demo' | 'large';
  /** Default 'manual': tests move time with advanceClock(), never by waiting. */
  clock?: 'real' | 'manual';
  /** Which sandbox token the web host holds for the Local sandbox profile. Default 'admin'. */
  role?: 'admin' | 'support';
  /** What the sandbox says it is; anything but 'sandbox' makes the Local sandbox profile mismatch. */
  environmentKind?: 'sandbox' | 'staging' | 'production';
  environmentName?: string;
  clockStart?: string;
  graceSeconds?: number;
};

export type SandboxAnswer = { status: number; body: unknown; headers: Headers };

export type Stack = {
  /** Open this in the page: it carries the web host's per-run secret and sets its cookie. */
  loginUrl: string;
  /** The web host's origin (for page.goto after login). */
  appUrl: string;
  sandboxUrl: string;
  adminToken: string;
  supportToken: string;
  /** Where the web host's "save dialogs" (CSV and journal exports) write. */
  exportDir: string;
  /** The web host's profiles/journal/log directory. */
  dataDir: string;
  /** Moves the sandbox's manual clock forward; returns the new backend time. */
  advanceClock(seconds: number): Promise<string>;
  /**
   * Calls the sandbox directly with the admin token, bypassing the app (to
   * arrange data, inject faults, or check the ledger). POST/PUT get a fresh
   * Idempotency-Key unless one is given.
   */
  sandboxRequest(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
    options?: { ifMatch?: number; idempotencyKey?: string; token?: string },
  ): Promise<SandboxAnswer>;
  stop(): Promise<void>;
};

/**
 * A real sandbox process (temporary data dir) plus the web host wired to it:
 * the built-in "Local sandbox" profile points at that sandbox and already
 * holds the chosen role's token. Needs `npx electron-vite build` first (the
 * web host serves out/renderer).
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const { spawnSandbox } = await import('../../sandbox/support/spawn-sandbox');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { randomBytes } = await import('node:crypto');

  // Unique tokens per run, so a leak check can search for them meaningfully.
  const sandbox = await spawnSandbox({
    seed: options.seed ?? 'demo',
    clock: options.clock ?? 'manual',
    environmentKind: options.environmentKind ?? 'sandbox',
    adminToken: `adm-${randomBytes(12).toString('hex')}`,
    supportToken: `sup-${randomBytes(12).toString('hex')}`,
    ...(options.environmentName !== undefined ? { environmentName: options.environmentName } : {}),
    ...(options.clockStart !== undefined ? { clockStart: options.clockStart } : {}),
    ...(options.graceSeconds !== undefined ? { graceSeconds: options.graceSeconds } : {}),
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'operator-stack-'));
  const exportDir = join(dataDir, 'exports');
  let host: Started;
  try {
    host = await startWebHostFor({
      sandboxUrl: sandbox.url,
      dataDir,
      exportDir,
      token: options.role === 'support' ? sandbox.supportToken : sandbox.adminToken,
    });
  } catch (error) {
    await sandbox.stop();
    throw error;
  }

  const sandboxRequest: Stack['sandboxRequest'] = async (method, path, body, requestOptions = {}) => {
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: `Bearer ${requestOptions.token ?? sandbox.adminToken}`,
    };
    if (method !== 'GET') {
      headers['content-type'] = 'application/json';
      headers['idempotency-key'] = requestOptions.idempotencyKey ?? `e2e-${randomBytes(8).toString('hex')}`;
    }
    if (requestOptions.ifMatch !== undefined) headers['if-match'] = `"${requestOptions.ifMatch}"`;
    const response = await fetch(`${sandbox.url}${path}`, {
      method,
      headers,
      ...(method !== 'GET' ? { body: JSON.stringify(body ?? {}) } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text === '' ? null : JSON.parse(text),
      headers: response.headers,
    };
  };

  return {
    loginUrl: host.url,
    appUrl: new URL(host.url).origin,
    sandboxUrl: sandbox.url,
    adminToken: sandbox.adminToken,
    supportToken: sandbox.supportToken,
    exportDir,
    dataDir,
    async advanceClock(seconds) {
      const answer = await sandboxRequest('POST', '/sandbox/clock', { advance_seconds: seconds });
      if (answer.status !== 200) throw new Error(`advancing the sandbox clock failed: ${answer.status}`);
      return (answer.body as { now: string }).now;
    },
    sandboxRequest,
    async stop() {
      await host.stop();
      await sandbox.stop();
      // Every spec that uses the stack also checks that no token reached the
      // browser (the bridge transcript) or the core's log, journal, exports or cache.
      const leaks = filesContaining(dataDir, [sandbox.adminToken, sandbox.supportToken]);
      const transcriptOn = existsSync(joinPath(dataDir, TRANSCRIPT_FILE));
      rmSync(dataDir, { recursive: true, force: true });
      if (leaks.length > 0) throw new Error(`a token was written to: ${leaks.join(', ')}`);
      // Without a transcript the search above would prove nothing about the bridge.
      if (!transcriptOn) throw new Error('the web host kept no transcript of the bridge to search');
    },
  };
}

/** Where the web host records every bridge response and event it sends to the browser. */
export const TRANSCRIPT_FILE = 'bridge-transcript.jsonl';

export function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Files under dir (recursively) whose bytes contain any of the needles. */
export function filesContaining(dir: string, needles: string[]): string[] {
  const hits: string[] = [];
  const walk = (path: string) => {
    const info = statSync(path);
    if (info.isDirectory()) {
      for (const name of readdirSync(path)) walk(joinPath(path, name));
      return;
    }
    const bytes = readFileSync(path);
    if (needles.some((needle) => bytes.includes(needle))) hits.push(path);
  };
  walk(dir);
  return hits;
}

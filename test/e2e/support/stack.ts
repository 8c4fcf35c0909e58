import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
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

export function startWebHost(extraArgs: string[] = []): Promise<Started> {
  return startProcess(
    process.execPath,
    ['--import', 'tsx', 'main/webhost/cli.ts', ...extraArgs],
    'WEBHOST_READY',
  );
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FetchLike } from '../../../main/core/api/api-client';
import { type Core, composeCore } from '../../../main/core/compose';
import { exportDirDialog } from '../../../main/core/export/save-dialog';
import type { Clock, Sleep } from '../../../main/core/platform/clock';
import { openJsonFileStore } from '../../../main/core/platform/json-file-store';
import { LOCAL_SANDBOX_PROFILE_ID } from '../../../main/core/profiles/profile-repository';
import { disabledUpdateHandlers } from '../../../main/core/updates/update-handlers';
import { type SecretSealer, sessionOnlySealer } from '../../../main/core/vault/secret-sealer';
import type { ChannelName, ChannelRequest, ChannelResponse } from '../../../shared/ipc/contract';
import type { Envelope } from '../../../shared/ipc/envelope';
import { Client } from '../../sandbox/support/client';
import {
  type SpawnedSandbox,
  type SpawnSandboxOptions,
  spawnSandbox,
} from '../../sandbox/support/spawn-sandbox';

/** A clock the test moves by hand (ticket expiry, Retry-After dates). */
export class ManualClock implements Clock {
  constructor(private at = Date.parse('2026-03-01T12:00:00Z')) {}
  now(): number {
    return this.at;
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

export type SentRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
};

/**
 * Everything the core produced that a token must never appear in: bridge
 * responses (values and errors), events, log lines, plus files it wrote
 * (journals, exports) which are read at check time.
 */
export class LeakCollector {
  readonly texts: string[] = [];
  readonly dirs: string[] = [];
  add(label: string, value: unknown): void {
    this.texts.push(`${label}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  everything(): string {
    const files: string[] = [];
    const walk = (dir: string) => {
      let entries: string[] = [];
      try {
        entries = readdirSync(dir);
      } catch {
        return;
      }
      for (const name of entries) {
        const path = join(dir, name);
        try {
          files.push(`${path}: ${readFileSync(path, 'utf8')}`);
        } catch {
          walk(path);
        }
      }
    };
    for (const dir of this.dirs) walk(dir);
    return [...this.texts, ...files].join('\n');
  }
}

/** One collector per test process: every harness reports into it. */
export const leaks = new LeakCollector();
/** Every token any harness handed to a core in this process. */
export const tokensSeen = new Set<string>();

export type Harness = {
  sandbox: SpawnedSandbox;
  admin: Client;
  core: Core;
  clock: ManualClock;
  dataDir: string;
  exportDir: string;
  /** Every request the core sent to the backend, in order. */
  sent: SentRequest[];
  /** Sleeps the core asked for (retry backoff), instead of sleeping. */
  slept: number[];
  logLines: string[];
  events: { name: string; payload: unknown }[];
  call<C extends ChannelName>(channel: C, args?: ChannelRequest<C>): Promise<Envelope<ChannelResponse<C>>>;
  /** Like call, but throws with the error when the envelope is not ok. */
  value<C extends ChannelName>(channel: C, args?: ChannelRequest<C>): Promise<ChannelResponse<C>>;
  /** Builds another core over the same data dir (an app restart). */
  restart(options?: { fetch?: FetchLike; sleep?: Sleep }): Core;
  stop(): Promise<void>;
};

export type HarnessOptions = {
  sandbox?: SpawnSandboxOptions;
  /** Reuse a running sandbox (the harness then does not stop it). */
  sharedSandbox?: SpawnedSandbox;
  role?: 'admin' | 'support';
  /** Wraps the counting fetch (to drop or delay particular requests). */
  wrapFetch?: (inner: FetchLike) => FetchLike;
  sleep?: Sleep;
  sealer?: SecretSealer;
};

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sandbox =
    options.sharedSandbox ??
    (await spawnSandbox({
      seed: 'empty',
      clock: 'manual',
      adminToken: `adm-${randomBytes(12).toString('hex')}`,
      supportToken: `sup-${randomBytes(12).toString('hex')}`,
      ...options.sandbox,
    }));
  tokensSeen.add(sandbox.adminToken);
  tokensSeen.add(sandbox.supportToken);
  const dataDir = mkdtempSync(join(tmpdir(), 'core-harness-'));
  const exportDir = join(dataDir, 'exports');
  leaks.dirs.push(dataDir);
  const clock = new ManualClock(Date.now());
  const sent: SentRequest[] = [];
  const slept: number[] = [];
  const logLines: string[] = [];
  const events: { name: string; payload: unknown }[] = [];

  const counting: FetchLike = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const body = request.body ? await request.clone().text() : null;
    sent.push({ method: request.method, url: request.url, headers, body });
    return fetch(request);
  };
  const fetchImpl = options.wrapFetch ? options.wrapFetch(counting) : counting;
  const sleep: Sleep =
    options.sleep ??
    (async (ms) => {
      slept.push(ms);
    });

  const build = (fetchOverride?: FetchLike, sleepOverride?: Sleep): Core => {
    const opened = openJsonFileStore(join(dataDir, 'settings.json'));
    const core = composeCore({
      appInfo: { version: '0.0.0-test', platform: 'linux', runtime: 'web' },
      store: opened.store,
      storeBackup: opened.recovered?.backupPath ?? null,
      sealer: options.sealer ?? sessionOnlySealer,
      sessionOnlyReason: options.sealer ? null : 'test harness: session only',
      dataDir,
      saveDialog: exportDirDialog(exportDir),
      localSandboxUrl: sandbox.url,
      presetTokens: {
        [LOCAL_SANDBOX_PROFILE_ID]: options.role === 'support' ? sandbox.supportToken : sandbox.adminToken,
      },
      logSink: (line) => {
        logLines.push(line);
        leaks.add('log', line);
      },
      clock,
      sleep: sleepOverride ?? sleep,
      fetch: fetchOverride ?? fetchImpl,
      extraHandlers: disabledUpdateHandlers('test harness: no updates', '0.0.0-test'),
    });
    core.events.subscribe((name, payload) => {
      events.push({ name, payload });
      leaks.add(`event ${name}`, payload);
    });
    return core;
  };

  const core = build();
  await core.start();

  const call = async <C extends ChannelName>(channel: C, args?: ChannelRequest<C>) => {
    if (channel === 'connection.setToken') tokensSeen.add((args as { token: string }).token);
    const envelope = (await core.dispatch(channel, args ?? {}, {
      trusted: true,
      description: 'test',
    })) as Envelope<ChannelResponse<C>>;
    leaks.add(`bridge ${channel}`, envelope);
    return envelope;
  };

  return {
    sandbox,
    admin: new Client(sandbox.url, sandbox.adminToken),
    core,
    clock,
    dataDir,
    exportDir,
    sent,
    slept,
    logLines,
    events,
    call,
    async value(channel, args) {
      const envelope = await call(channel, args);
      if (!envelope.ok) throw new Error(`${channel} failed: ${JSON.stringify(envelope.error)}`);
      return envelope.value;
    },
    restart: (restartOptions = {}) => build(restartOptions.fetch, restartOptions.sleep),
    async stop() {
      if (!options.sharedSandbox) await sandbox.stop();
      // Every harness ends with the leak check over everything this process produced.
      const found = findTokens();
      if (found.length > 0) throw new Error(`a token leaked into: ${found.join(' | ').slice(0, 2000)}`);
    },
  };
}

/** Lines of everything collected (responses, events, logs, journals, exports) that contain a token. */
export function findTokens(): string[] {
  const text = leaks.everything();
  const hits: string[] = [];
  for (const token of tokensSeen) {
    for (const line of text.split('\n')) if (line.includes(token)) hits.push(line);
  }
  return hits;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

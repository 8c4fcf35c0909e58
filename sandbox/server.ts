import type { AddressInfo } from 'node:net';
import type { EnvironmentKind } from '../shared/api';
import { SandboxClock } from './domain/clock';
import { buildApp } from './http/app';
import { applySeed, type SeedName } from './seed';
import type { SandboxState } from './state';
import { noFaults } from './state';
import { openDb, StatementCache } from './store/db';

export interface SandboxOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  dataDir: string;
  /** Applied only when dataDir holds no database yet; an existing one is opened as it is. */
  seed?: SeedName;
  clock?: 'real' | 'manual';
  /** Manual clock start (ms); default: now, rounded down to the second. Ignored for an existing data dir. */
  clockStartMs?: number;
  graceSeconds?: number;
  environmentKind?: EnvironmentKind;
  environmentName?: string;
  adminToken?: string;
  supportToken?: string;
  validateResponses?: boolean;
  /** One line per request on stderr; default from MM_SANDBOX_LOG=1. */
  accessLog?: boolean;
}

export interface RunningSandbox {
  url: string;
  adminToken: string;
  supportToken: string;
  /** Whether a seed was applied (false when an existing data dir was reopened). */
  seeded: boolean;
  state: SandboxState;
  close(): Promise<void>;
}

export const DEFAULT_ADMIN_TOKEN = 'sandbox-admin';
export const DEFAULT_SUPPORT_TOKEN = 'sandbox-support';

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const adminToken = options.adminToken ?? process.env.MM_SANDBOX_ADMIN_TOKEN ?? DEFAULT_ADMIN_TOKEN;
  const supportToken = options.supportToken ?? process.env.MM_SANDBOX_SUPPORT_TOKEN ?? DEFAULT_SUPPORT_TOKEN;
  if (adminToken === supportToken) throw new Error('the admin and support tokens must differ');
  const { db, fresh } = openDb(options.dataDir);
  const sql = new StatementCache(db);
  const clock = new SandboxClock(db, options.clock ?? 'real', fresh ? (options.clockStartMs ?? null) : null);
  const seed = options.seed ?? 'empty';
  if (fresh) applySeed(db, sql, seed, clock.now());
  const state: SandboxState = {
    db,
    sql,
    clock,
    graceMs: (options.graceSeconds ?? 3600) * 1000,
    environment: {
      name: options.environmentName ?? 'Local sandbox',
      kind: options.environmentKind ?? 'sandbox',
    },
    principals: [
      { token: adminToken, actor: { id: 'usr_sandbox_admin', name: 'Sandbox Admin', role: 'admin' } },
      { token: supportToken, actor: { id: 'usr_sandbox_support', name: 'Sandbox Support', role: 'support' } },
    ],
    faults: noFaults(),
    validateResponses: options.validateResponses ?? false,
    accessLog: options.accessLog ?? process.env.MM_SANDBOX_LOG === '1',
  };
  const app = buildApp(state);
  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    adminToken,
    supportToken,
    seeded: fresh,
    state,
    async close() {
      await app.close();
      db.close();
    },
  };
}

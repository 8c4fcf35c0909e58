import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/**
 * Schema of the sandbox. Every amount is an INTEGER of ten-thousandths of a
 * credit and every instant an INTEGER of epoch milliseconds; the connection
 * reads all integers as bigint (`defaultSafeIntegers`) so nothing is ever
 * rounded through a double.
 *
 * Rows are addressed by an INTEGER PRIMARY KEY `n`; public ids are `<prefix>_<n>`
 * (see domain/ids.ts). Without AUTOINCREMENT a rolled-back dry run leaves no
 * gap, so the id a preview shows is the id the real request gets.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS tenants (
  n INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending_subscription','active','suspended')),
  plan TEXT,
  monthly_credits INTEGER,
  last_replenished_period TEXT,
  balance INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS tenants_by_name ON tenants (name, n);

CREATE TABLE IF NOT EXISTS transactions (
  n INTEGER PRIMARY KEY,
  tenant_n INTEGER NOT NULL REFERENCES tenants (n),
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  amount INTEGER NOT NULL,
  balance_after INTEGER NOT NULL,
  reason TEXT NOT NULL,
  actor TEXT NOT NULL,
  workload_n INTEGER,
  endpoint_n INTEGER,
  window_start INTEGER,
  window_end INTEGER,
  idempotency_key TEXT,
  created_at INTEGER NOT NULL,
  UNIQUE (tenant_n, seq)
);
CREATE INDEX IF NOT EXISTS transactions_by_tenant_type ON transactions (tenant_n, type, seq);
CREATE INDEX IF NOT EXISTS transactions_by_type ON transactions (type, n);

-- The ledger is append-only: no statement may change or remove a transaction.
CREATE TRIGGER IF NOT EXISTS transactions_no_update BEFORE UPDATE ON transactions
BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER IF NOT EXISTS transactions_no_delete BEFORE DELETE ON transactions
BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;

-- The wallet is a running total of the ledger. The database itself refuses a
-- transaction whose seq or balance_after does not continue the wallet, and
-- moves the wallet in the same statement, so balance = sum(amount) and
-- version = count(*) hold whatever code path writes.
CREATE TRIGGER IF NOT EXISTS transactions_continue_wallet BEFORE INSERT ON transactions
BEGIN
  SELECT RAISE(ABORT, 'transaction does not continue the wallet')
  WHERE NOT EXISTS (
    SELECT 1 FROM tenants t
    WHERE t.n = NEW.tenant_n AND NEW.seq = t.version + 1 AND NEW.balance_after = t.balance + NEW.amount
  );
END;
CREATE TRIGGER IF NOT EXISTS transactions_move_wallet AFTER INSERT ON transactions
BEGIN
  UPDATE tenants SET balance = NEW.balance_after, version = NEW.seq WHERE n = NEW.tenant_n;
END;

CREATE TABLE IF NOT EXISTS workloads (
  n INTEGER PRIMARY KEY,
  tenant_n INTEGER NOT NULL REFERENCES tenants (n),
  name TEXT NOT NULL,
  source_url TEXT NOT NULL,
  status TEXT NOT NULL,
  estimate INTEGER NOT NULL,
  actual INTEGER,
  reconciled_at INTEGER,
  outcome TEXT NOT NULL,
  run_ms INTEGER NOT NULL,
  next_transition_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS workloads_by_tenant ON workloads (tenant_n, n);
CREATE INDEX IF NOT EXISTS workloads_due ON workloads (next_transition_at) WHERE next_transition_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS workloads_unreconciled ON workloads (tenant_n) WHERE reconciled_at IS NULL;

CREATE TABLE IF NOT EXISTS workload_events (
  n INTEGER PRIMARY KEY,
  workload_n INTEGER NOT NULL REFERENCES workloads (n),
  status TEXT NOT NULL,
  at INTEGER NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS workload_events_by_workload ON workload_events (workload_n, n);

CREATE TABLE IF NOT EXISTS endpoints (
  n INTEGER PRIMARY KEY,
  tenant_n INTEGER NOT NULL REFERENCES tenants (n),
  name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active','depleted_grace','suspended')),
  rate_per_hour INTEGER NOT NULL,
  metering_anchor INTEGER NOT NULL,
  last_metered_at INTEGER NOT NULL,
  grace_expires_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS endpoints_by_tenant ON endpoints (tenant_n, n);
CREATE INDEX IF NOT EXISTS endpoints_by_status ON endpoints (status, n);

CREATE TABLE IF NOT EXISTS idempotency (
  actor TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  etag TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (actor, key)
);

CREATE TABLE IF NOT EXISTS audit (
  n INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  tenant_n INTEGER,
  target_id TEXT,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  request_body TEXT NOT NULL,
  idempotency_key TEXT,
  result TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_by_tenant ON audit (tenant_n, n);
`;

export interface OpenedDb {
  db: Db;
  /** True when the data dir held no database yet (only then is a seed applied). */
  fresh: boolean;
}

export function openDb(dataDir: string): OpenedDb {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'sandbox.sqlite3'));
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode; only an OS crash can lose the last commits.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.defaultSafeIntegers(true);
  const existing = db
    .prepare("SELECT count(*) AS c FROM sqlite_master WHERE type = 'table' AND name = 'tenants'")
    .get() as {
    c: bigint;
  };
  const fresh = existing.c === 0n;
  db.exec(SCHEMA);
  return { db, fresh };
}

export function getMeta(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

/** Prepared statements are cached by SQL text: dynamic list queries reuse theirs. */
export class StatementCache {
  private readonly cache = new Map<string, Database.Statement>();
  constructor(readonly db: Db) {}
  get(sql: string): Database.Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }
}

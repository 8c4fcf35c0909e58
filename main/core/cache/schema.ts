import type { Database } from 'sql.js';

/**
 * Layout of one tenant's cache database. The version lives in SQLite's
 * `user_version` and, readable before decrypting, in the file header.
 *
 * Every cached resource keeps its full wire JSON (so a view gets exactly what
 * the backend sent) next to the few columns the filters need. Transactions,
 * the big table, are stored as columns instead: at 100,000 rows the JSON
 * copy would double the file and the decrypt time.
 */
export const TENANT_SCHEMA_VERSION = 2;

/**
 * v1: the first layout. New databases are created as v1 and migrated, so the
 * migration path is the one every fresh cache takes too; the migration test
 * opens a v1 file written with v1's header and data.
 */
export const V1_DDL = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE transactions (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  amount TEXT NOT NULL,
  balance_after TEXT NOT NULL,
  reason TEXT NOT NULL,
  actor TEXT NOT NULL,
  workload_id TEXT,
  endpoint_id TEXT,
  window_start TEXT,
  window_end TEXT,
  idempotency_key TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX tx_type ON transactions(type);
CREATE TABLE workloads (id TEXT PRIMARY KEY, status TEXT NOT NULL, reconciled INTEGER NOT NULL,
  created_at TEXT NOT NULL, json TEXT NOT NULL);
CREATE TABLE endpoints (id TEXT PRIMARY KEY, status TEXT NOT NULL, created_at TEXT NOT NULL, json TEXT NOT NULL);
PRAGMA user_version = 1;
`;

interface Migration {
  to: number;
  why: string;
  sql: string;
}

/** Forward only; each step runs in one SQLite transaction, so a failed step changes nothing. */
export const MIGRATIONS: readonly Migration[] = [
  {
    to: 2,
    why: 'Audit entries are cached too; the type filter needs (type, seq) to page newest-first without a sort; date filters need created_at.',
    sql: `
CREATE TABLE audit (id TEXT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, json TEXT NOT NULL);
CREATE INDEX audit_at ON audit(at);
DROP INDEX tx_type;
CREATE INDEX tx_type_seq ON transactions(type, seq);
CREATE INDEX tx_created ON transactions(created_at);
CREATE INDEX workloads_created ON workloads(created_at);
`,
  },
];

export function schemaVersion(db: Database): number {
  const result = db.exec('PRAGMA user_version');
  const value = result[0]?.values[0]?.[0];
  return typeof value === 'number' ? value : 0;
}

/** Creates the current layout in an empty database. */
export function createSchema(db: Database): void {
  db.exec(V1_DDL);
  migrate(db);
}

/** Brings a database forward to the current version; returns the versions it went through. */
export function migrate(db: Database): number[] {
  const applied: number[] = [];
  let version = schemaVersion(db);
  if (version > TENANT_SCHEMA_VERSION) throw new Error(`cache schema ${version} is newer than this app`);
  for (const step of MIGRATIONS) {
    if (step.to <= version) continue;
    db.exec('BEGIN');
    try {
      db.exec(step.sql);
      db.exec(`PRAGMA user_version = ${step.to}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
    version = step.to;
    applied.push(step.to);
  }
  return applied;
}

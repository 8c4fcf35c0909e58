import type { Environment, Me, SandboxFaults } from '../shared/api';
import type { SandboxClock } from './domain/clock';
import type { Db, StatementCache } from './store/db';

export interface Principal {
  token: string;
  actor: Me['actor'];
}

/** Everything a running sandbox holds; one per process (or per startSandbox call). */
export interface SandboxState {
  db: Db;
  sql: StatementCache;
  clock: SandboxClock;
  graceMs: number;
  environment: Environment;
  principals: Principal[];
  faults: SandboxFaults;
  /** Check every response against the contract before sending (on in tests; a mismatch is a 500). */
  validateResponses: boolean;
  /** One line per request on stderr (MM_SANDBOX_LOG=1). */
  accessLog: boolean;
}

export const noFaults = (): SandboxFaults => ({
  remaining: 0,
  latency_ms: 0,
  error_status: null,
  retry_after_seconds: null,
  drop_after_commit: false,
  method: null,
  path_prefix: null,
});

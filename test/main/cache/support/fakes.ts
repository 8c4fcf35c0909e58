import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CacheKeySealer, KeyProtection } from '../../../../main/core/cache/key-store';
import type { AuditEntry, Endpoint, Tenant, Transaction, Workload } from '../../../../shared/api/schemas';

/**
 * Stands in for safeStorage: reversible, visibly not plaintext, and its
 * keyring can be "replaced" (bump `generation`) so older sealed data no longer opens.
 */
export class FakeSealer implements CacheKeySealer {
  generation = 1;
  constructor(public level: KeyProtection = 'os') {}
  protection(): KeyProtection {
    return this.level;
  }
  seal(plain: string): Buffer {
    return Buffer.from(`sealed:${this.generation}:${Buffer.from(plain).toString('hex')}`);
  }
  unseal(sealed: Buffer): string {
    const [tag, gen, hex] = sealed.toString().split(':');
    if (tag !== 'sealed' || Number(gen) !== this.generation || hex === undefined)
      throw new Error('keyring changed');
    return Buffer.from(hex, 'hex').toString();
  }
}

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(public ms = Date.parse('2026-03-01T12:00:00.000Z')) {}
  now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

export async function tempDir(prefix = 'mmo-cache-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Every regular file under `dir`, with its bytes (for "no plaintext on disk" checks). */
export async function filesUnder(dir: string): Promise<{ path: string; bytes: Buffer }[]> {
  const out: { path: string; bytes: Buffer }[] = [];
  async function walk(d: string): Promise<void> {
    for (const name of await readdir(d)) {
      const p = join(d, name);
      try {
        if ((await stat(p)).isDirectory()) await walk(p);
        else out.push({ path: p, bytes: await readFile(p) });
      } catch (error) {
        // A temp file renamed away by a write in progress: its bytes are in the file it became.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }
  await walk(dir);
  return out;
}

/** Asserts helper: which files (or names) contain the needle, in utf8, utf16 or base64. */
export async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const forms = [
    Buffer.from(needle, 'utf8'),
    Buffer.from(needle, 'utf16le'),
    Buffer.from(Buffer.from(needle).toString('base64').replace(/=+$/, '')),
    Buffer.from(Buffer.from(needle).toString('hex')),
  ];
  const hits: string[] = [];
  for (const file of await filesUnder(dir)) {
    if (file.path.includes(needle) || forms.some((f) => file.bytes.includes(f))) hits.push(file.path);
  }
  return hits;
}

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const types: Transaction['type'][] = [
  'top_up',
  'adjustment',
  'reservation',
  'endpoint_usage',
  'replenishment',
];

export function tenant(id: string, name: string, version = 0): Tenant {
  return {
    id,
    name,
    status: 'active',
    plan: 'team',
    monthly_credits: '1000.0000',
    last_replenished_period: '2026-01',
    wallet: { balance: '10.0000', reserved: '0.0000', version },
    created_at: new Date(T0).toISOString(),
    updated_at: new Date(T0).toISOString(),
  };
}

export function transaction(tenantId: string, seq: number, reason = `reason ${seq}`): Transaction {
  return {
    id: `txn_${tenantId}_${String(seq).padStart(6, '0')}`,
    tenant_id: tenantId,
    seq,
    type: types[seq % types.length] ?? 'top_up',
    amount: `${seq}.0000`,
    balance_after: `${seq * 2}.0000`,
    reason,
    actor: seq % 2 ? 'act_admin' : 'system',
    workload_id: null,
    endpoint_id: null,
    window_start: null,
    window_end: null,
    idempotency_key: seq % 3 ? null : `idem-${seq}`,
    created_at: new Date(T0 + seq * 60_000).toISOString(),
  };
}

/** Ledger of `count` rows, newest first (the backend's order). */
export function ledger(tenantId: string, count: number, reason?: (seq: number) => string): Transaction[] {
  const rows: Transaction[] = [];
  for (let seq = count; seq >= 1; seq--) rows.push(transaction(tenantId, seq, reason?.(seq)));
  return rows;
}

export function workload(tenantId: string, n: number, name = `train-${n}.ipynb`): Workload {
  const at = new Date(T0 + n * 3_600_000).toISOString();
  return {
    id: `wl_${tenantId}_${n}`,
    tenant_id: tenantId,
    name,
    source_url: `https://example.test/${name}`,
    status: n % 2 ? 'succeeded' : 'running',
    estimate_credits: '5.0000',
    actual_credits: n % 2 ? '4.0000' : null,
    reconciled_at: n % 4 === 1 ? at : null,
    created_at: at,
    updated_at: at,
    events: [
      { status: 'queued', at, message: 'queued' },
      { status: 'running', at, message: 'running' },
    ],
  };
}

export function endpoint(tenantId: string, n: number, name = `endpoint-${n}`): Endpoint {
  const at = new Date(T0 + n * 3_600_000).toISOString();
  return {
    id: `ep_${tenantId}_${n}`,
    tenant_id: tenantId,
    name,
    status: n % 3 === 0 ? 'depleted_grace' : 'active',
    rate_per_hour: '1.5000',
    last_metered_at: at,
    grace_expires_at: null,
    created_at: at,
    updated_at: at,
  };
}

export function auditEntry(tenantId: string, n: number, reason = `audit reason ${n}`): AuditEntry {
  return {
    id: `aud_${tenantId}_${n}`,
    at: new Date(T0 + n * 1000).toISOString(),
    actor: 'act_admin',
    actor_role: 'admin',
    action: 'wallet.adjustment',
    tenant_id: tenantId,
    target_id: null,
    method: 'POST',
    path: `/v1/admin/tenants/${tenantId}/wallet/adjustments`,
    request_body: { kind: 'top_up', amount: '1.0000', reason },
    idempotency_key: `key-${n}`,
    result: { status: 201, transaction_ids: [], transitions: [] },
  };
}

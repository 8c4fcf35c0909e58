import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Effects, type Tenant, TenantPage, WorkloadPage } from '../../shared/api';
import { formatCredits, parseCredits } from '../../shared/money';
import { type Client, type Res, sandboxClients } from './support/client';
import {
  allTransactions,
  expectLedgerInvariant,
  getTenant,
  newEndpoint,
  newTenant,
} from './support/fixtures';
import { type SpawnedSandbox, spawnSandbox } from './support/spawn-sandbox';

/**
 * A seeded random walk of ≥ 2,000 operations, issued in concurrent batches,
 * mixing every mutation with retries under the same key, key reuse, stale
 * If-Match, dry runs, invalid bodies, clock moves and metering ticks. After
 * it: the ledger invariant holds for every tenant, and the transactions in the
 * ledger are exactly those reported by the committed (non-replayed) responses.
 */
const SEED = 20_260_115;
const OPERATIONS = 2_000;
const CONCURRENCY = 8;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

let sb: SpawnedSandbox;
let admin: Client;
let support: Client;

beforeAll(async () => {
  sb = await spawnSandbox({ seed: 'empty', clock: 'manual', clockStart: '2026-01-20T08:00:00.000Z' });
  ({ admin, support } = sandboxClients(sb));
});
afterAll(async () => {
  await sb?.stop();
});

interface Sent {
  method: 'POST' | 'PUT';
  path: string;
  body: unknown;
  key: string;
  ifMatch?: number;
  res: Res;
  /** Sandbox-clock seconds advanced before it was sent (keys expire after 24 h of that clock). */
  clockAt: number;
}

describe('randomized operations', () => {
  it(`${OPERATIONS} mixed operations keep every ledger consistent`, async () => {
    const random = mulberry32(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const tenants: Tenant[] = [];
    for (let i = 0; i < 6; i++)
      tenants.push(await newTenant(admin, { name: `Random ${i}`, credits: i === 5 ? '0' : '200' }));
    tenants.push(asTenant(await admin.post('/sandbox/tenants', { name: 'Random pending' })));
    for (const tenant of tenants.slice(0, 4))
      await newEndpoint(admin, tenant.id, pick(['0.5', '1.2345', '3']), 'rnd');
    const fundingIds = new Set<string>();
    for (const tenant of tenants)
      for (const tx of await allTransactions(admin, tenant.id)) fundingIds.add(tx.id);

    const versions = new Map(tenants.map((t) => [t.id, t.wallet.version]));
    const workloads: string[] = [];
    const committed: Sent[] = [];
    const history: Sent[] = [];
    const statuses = new Map<number, number>();
    let keyCounter = 0;
    let clockSeconds = 0;

    const send = async (
      method: 'POST' | 'PUT',
      path: string,
      body: unknown,
      ifMatch?: number,
      key?: string,
    ): Promise<Sent> => {
      const useKey = key ?? `rnd-${SEED}-${++keyCounter}`;
      const clockAt = clockSeconds;
      const res = await admin.request(method, path, {
        body,
        key: useKey,
        ...(ifMatch === undefined ? {} : { ifMatch }),
      });
      const sent: Sent = {
        method,
        path,
        body,
        key: useKey,
        res,
        clockAt,
        ...(ifMatch === undefined ? {} : { ifMatch }),
      };
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      history.push(sent);
      if (
        res.status < 300 &&
        res.headers.get('idempotent-replayed') !== 'true' &&
        !path.includes('dry_run=true')
      ) {
        committed.push(sent);
      }
      const wallet = (res.body as { wallet?: { version: number } } | null)?.wallet;
      const tenantId = /ten_[0-9]+/.exec(path)?.[0];
      if (wallet && tenantId && (res.status === 412 || res.status < 300)) {
        versions.set(tenantId, Math.max(versions.get(tenantId) ?? 0, wallet.version));
      }
      return sent;
    };

    const operation = async (): Promise<unknown> => {
      const tenant = pick(tenants);
      const version = versions.get(tenant.id) ?? 0;
      const roll = random();
      const dry = random() < 0.1 ? '?dry_run=true' : '';
      if (roll < 0.3) {
        const kind = pick(['top_up', 'adjustment'] as const);
        const amount = pick(['1', '2.5', '0.0001', '-3', '10', '0', '1e3', '-0.75', '7.1234']);
        const staleness = random() < 0.2 ? -1 : 0;
        return send(
          'POST',
          `/v1/admin/tenants/${tenant.id}/wallet/adjustments${dry}`,
          { kind, amount, reason: `random ${kind}` },
          version + staleness,
        );
      }
      if (roll < 0.42 && history.length > 0) {
        // Retry an earlier request verbatim (same key, body and If-Match): must replay or fail the same way.
        const earlier = pick(history);
        const again = await send(earlier.method, earlier.path, earlier.body, earlier.ifMatch, earlier.key);
        const fresh = clockSeconds - earlier.clockAt < 86_000 && again.clockAt - earlier.clockAt < 86_000;
        if (fresh && earlier.res.status < 300 && !earlier.path.includes('dry_run=true')) {
          expect(again.res.status).toBe(earlier.res.status);
          expect(again.res.headers.get('idempotent-replayed')).toBe('true');
          expect(again.res.body).toEqual(earlier.res.body);
        }
        return again;
      }
      if (roll < 0.46 && committed.length > 0) {
        const earlier = pick(committed);
        const res = await send(
          earlier.method,
          earlier.path,
          { different: true },
          earlier.ifMatch,
          earlier.key,
        );
        expect([422]).toContain(res.res.status);
        return res;
      }
      if (roll < 0.58) {
        const file = pick(['train.ipynb', 'eval.py', 'big_fail.ipynb', 'etl.py', 'x.txt']);
        const sent = await send('POST', `/v1/tenants/${tenant.id}/workloads${dry}`, {
          source_url: `https://github.com/rnd/${Math.floor(random() * 50)}/${file}`,
        });
        const id = (sent.res.body as { workload?: { id: string } } | null)?.workload?.id;
        if (id && !dry) workloads.push(id);
        return sent;
      }
      if (roll < 0.64 && workloads.length > 0)
        return send('POST', `/v1/workloads/${pick(workloads)}/cancel${dry}`, {});
      if (roll < 0.72 && workloads.length > 0) {
        return send('POST', `/v1/admin/workloads/${pick(workloads)}/reconciliation${dry}`, {
          actual_credits: pick(['0', '5', '12.5', '40', '23.4567']),
        });
      }
      if (roll < 0.77) return send('POST', `/v1/admin/metering/ticks${dry}`, {});
      if (roll < 0.8) {
        const seconds = pick([1, 5, 30, 600, 3600, 86_400 * 12]);
        clockSeconds += seconds;
        return admin.post('/sandbox/clock', { advance_seconds: seconds });
      }
      if (roll < 0.84)
        return send(
          'POST',
          `/v1/admin/tenants/${tenant.id}/wallet/replenishments${dry}`,
          pick([{}, { amount: '25' }, { amount: 'x' }]),
          version,
        );
      if (roll < 0.87) {
        return send(
          'PUT',
          `/v1/admin/tenants/${tenant.id}/subscription${dry}`,
          {
            plan: pick(['starter', 'team', 'gold']),
            monthly_credits: pick(['100', '0', '250.5']),
            activate: random() < 0.7,
            issue_first_month: random() < 0.5,
          },
          version,
        );
      }
      if (roll < 0.93)
        return support.get(`/v1/tenants/${tenant.id}/transactions?limit=${1 + Math.floor(random() * 100)}`);
      // Garbage: malformed JSON with a valid key.
      return admin.request('POST', `/v1/admin/tenants/${tenant.id}/wallet/adjustments`, {
        rawBody: '{"kind":',
        headers: { 'content-type': 'application/json' },
        ifMatch: version,
      });
    };

    for (let done = 0; done < OPERATIONS; done += CONCURRENCY) {
      const batch = await Promise.all(Array.from({ length: CONCURRENCY }, () => operation()));
      for (const result of batch) {
        const status =
          (result as { status?: number; res?: Res }).res?.status ?? (result as { status: number }).status;
        expect(status).toBeLessThan(500);
        if ((result as { res?: Res }).res === undefined)
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }

    // Every status class was exercised.
    for (const status of [200, 201, 400, 402, 409, 412, 422])
      expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);

    // The ledger holds the funding plus exactly the transactions committed responses reported.
    const reported = new Map<string, bigint>();
    for (const sent of committed) {
      const effects = Effects.parse((sent.res.body as { effects: unknown }).effects);
      for (const tx of effects.transactions) reported.set(tx.id, parseCredits(tx.amount));
    }
    const page = TenantPage.parse((await admin.get('/v1/tenants?limit=500&q=Random')).body);
    expect(page.data).toHaveLength(tenants.length);
    for (const tenant of page.data) {
      await expectLedgerInvariant(support, tenant.id);
      const ledger = await allTransactions(support, tenant.id);
      let fromResponses = 0n;
      for (const tx of ledger) {
        if (fundingIds.has(tx.id)) {
          fromResponses += parseCredits(tx.amount);
          continue;
        }
        expect(reported.get(tx.id), `${tx.id} (${tx.type}) was never reported by a committed response`).toBe(
          parseCredits(tx.amount),
        );
        fromResponses += reported.get(tx.id) ?? 0n;
      }
      expect(formatCredits(fromResponses)).toBe((await getTenant(support, tenant.id)).wallet.balance);
    }
    const reportedIds = [...reported.keys()];
    const ledgerIds = new Set(
      (await Promise.all(page.data.map((t) => allTransactions(support, t.id)))).flat().map((t) => t.id),
    );
    for (const id of reportedIds)
      expect(ledgerIds.has(id), `${id} reported but not in the ledger`).toBe(true);
    const queue = WorkloadPage.parse((await admin.get('/v1/admin/workloads?limit=500')).body);
    expect(queue.data.length).toBeGreaterThan(0);
  }, 120_000);
});

function asTenant(res: Res): Tenant {
  return res.body as Tenant;
}

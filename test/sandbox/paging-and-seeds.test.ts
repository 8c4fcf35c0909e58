import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  endpointStatuses,
  TenantPage,
  type Transaction,
  TransactionPage,
  tenantStatuses,
  WorkloadPage,
  workloadStatuses,
} from '../../shared/api';
import { type Client, expectProblem, sandboxClients } from './support/client';
import { allTransactions, expectLedgerInvariant, getTenant } from './support/fixtures';
import { type SpawnedSandbox, spawnSandbox } from './support/spawn-sandbox';

let sb: SpawnedSandbox;
let admin: Client;
let support: Client;

beforeAll(async () => {
  sb = await spawnSandbox({ seed: 'demo', clock: 'manual' });
  ({ admin, support } = sandboxClients(sb));
});
afterAll(async () => {
  await sb?.stop();
});

async function allTenants(client: Client, query = '') {
  const tenants: TenantPage['data'] = [];
  let cursor: string | null = null;
  do {
    const suffix: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const page = TenantPage.parse((await client.get(`/v1/tenants?limit=2${query}${suffix}`)).body);
    tenants.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return tenants;
}

describe('demo seed', () => {
  it('covers every tenant status, with hostile names kept verbatim', async () => {
    const tenants = await allTenants(support);
    expect(tenants.length).toBeGreaterThanOrEqual(6);
    for (const status of tenantStatuses) expect(tenants.map((t) => t.status)).toContain(status);
    expect(tenants.map((t) => t.name)).toContain('Hooli <img src=x onerror=alert(1)>');
    const names = tenants.map((t) => t.name);
    expect(names).toEqual([...names].sort());
  });

  it('has endpoints in every state and workloads in every status, including terminal unreconciled', async () => {
    const endpoints = (await admin.get<{ data: { status: string }[] }>('/v1/admin/endpoints?limit=500')).body
      .data;
    for (const status of endpointStatuses) expect(endpoints.map((e) => e.status)).toContain(status);
    const workloads = WorkloadPage.parse((await admin.get('/v1/admin/workloads?limit=500')).body).data;
    for (const status of workloadStatuses) expect(workloads.map((w) => w.status)).toContain(status);
    const queue = WorkloadPage.parse(
      (await admin.get('/v1/admin/workloads?reconciled=false&limit=500')).body,
    ).data;
    for (const status of ['succeeded', 'failed', 'cancelled'])
      expect(queue.map((w) => w.status)).toContain(status);
    expect(workloads.some((w) => w.name.includes('<script>'))).toBe(true);
  });

  it('has a tenant with ≥ 2,000 transactions whose ledger holds, with created_at never decreasing along seq', async () => {
    const tenants = await allTenants(support);
    const busiest = tenants.reduce((a, b) => (a.wallet.version >= b.wallet.version ? a : b));
    expect(busiest.wallet.version).toBeGreaterThanOrEqual(2000);
    await expectLedgerInvariant(support, busiest.id);
    const txs = (await allTransactions(support, busiest.id)).reverse();
    for (let i = 1; i < txs.length; i++) {
      expect(Date.parse(txs[i]?.created_at ?? '') >= Date.parse(txs[i - 1]?.created_at ?? '')).toBe(true);
    }
    for (const tenant of tenants) await expectLedgerInvariant(support, tenant.id);
  });
});

describe('paging', () => {
  it('filters: q, status, type, since/until', async () => {
    const active = await allTenants(support, '&status=active');
    expect(active.every((t) => t.status === 'active')).toBe(true);
    const acme = await allTenants(support, '&q=ACME');
    expect(acme.map((t) => t.name)).toEqual(['Acme Robotics']);
    const tenantId = acme[0]?.id ?? '';
    expect((await allTenants(support, `&q=${tenantId}`)).map((t) => t.id)).toEqual([tenantId]);
    const topUps = await allTransactions(support, tenantId, '&type=top_up');
    expect(topUps.length).toBeGreaterThan(5);
    expect(topUps.every((t) => t.type === 'top_up')).toBe(true);
    const all = await allTransactions(support, tenantId);
    const middle = all[Math.floor(all.length / 2)]?.created_at ?? '';
    const newer = await allTransactions(support, tenantId, `&since=${encodeURIComponent(middle)}`);
    const older = await allTransactions(support, tenantId, `&until=${encodeURIComponent(middle)}`);
    expect(newer.length + older.length).toBe(all.length);
    expect(newer.every((t) => t.created_at >= middle) && older.every((t) => t.created_at < middle)).toBe(
      true,
    );
    const cross = TransactionPage.parse(
      (await admin.get(`/v1/admin/transactions?tenant_id=${tenantId}&type=reservation&limit=500`)).body,
    );
    expect(cross.data.every((t) => t.tenant_id === tenantId && t.type === 'reservation')).toBe(true);
    expect(
      TransactionPage.parse((await admin.get('/v1/admin/transactions?tenant_id=ten_999999')).body).data,
    ).toEqual([]);
    expect(TransactionPage.parse((await admin.get('/v1/admin/transactions?actor=nobody')).body).data).toEqual(
      [],
    );
  });

  it('search and incremental filters: q on reasons/ids/workloads, after_seq, terminal', async () => {
    const tenantId = (await allTenants(support, '&q=ACME'))[0]?.id ?? '';
    const all = await allTransactions(support, tenantId);
    const byReason = await allTransactions(support, tenantId, '&q=GOODWILL');
    expect(byReason.map((t) => t.reason)).toEqual([
      'Goodwill credit after the 2h outage on the eu-west cluster',
    ]);
    const byId = await allTransactions(support, tenantId, `&q=${all[3]?.id}`);
    expect(byId.map((t) => t.id)).toEqual([all[3]?.id]);
    const newest = all[0]?.seq ?? 0;
    const increment = await allTransactions(support, tenantId, `&after_seq=${newest - 5}`);
    expect(increment.map((t) => t.seq)).toEqual([0, 1, 2, 3, 4].map((i) => newest - i));
    const queue = WorkloadPage.parse(
      (await admin.get('/v1/admin/workloads?reconciled=false&terminal=true&limit=500')).body,
    );
    expect(queue.data.length).toBeGreaterThan(0);
    expect(
      queue.data.every(
        (w) => ['succeeded', 'failed', 'cancelled'].includes(w.status) && w.reconciled_at === null,
      ),
    ).toBe(true);
    const running = WorkloadPage.parse(
      (await admin.get('/v1/admin/workloads?terminal=false&limit=500')).body,
    );
    expect(running.data.map((w) => w.status).sort()).toEqual([
      'fetching',
      'instrumenting',
      'queued',
      'running',
    ]);
    const search = WorkloadPage.parse((await support.get(`/v1/tenants/${tenantId}/workloads?q=SWEEP`)).body);
    expect(search.data.map((w) => w.name)).toEqual(['Hyper-parameter sweep']);
  });

  it('a cursor from one list is refused by another', async () => {
    const page = TenantPage.parse((await support.get('/v1/tenants?limit=1')).body);
    expectProblem(await admin.get(`/v1/admin/workloads?cursor=${page.next_cursor}`), 400, 'invalid_cursor');
  });

  it('walking all pages while transactions are written: no duplicates, nothing that existed is skipped', async () => {
    const tenant = (await allTenants(support, '&q=Stark'))[0];
    if (!tenant) throw new Error('demo tenant missing');
    const existing = await allTransactions(support, tenant.id);
    const seen: Transaction[] = [];
    let cursor: string | null = null;
    let version = (await getTenant(admin, tenant.id)).wallet.version;
    do {
      const suffix: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      // Write two transactions between (and concurrently with) every page fetch.
      const [res] = await Promise.all([
        support.get(`/v1/tenants/${tenant.id}/transactions?limit=7${suffix}`),
        admin.post(
          `/v1/admin/tenants/${tenant.id}/wallet/adjustments`,
          { kind: 'top_up', amount: '1', reason: 'during walk' },
          { ifMatch: version },
        ),
      ]);
      version += 1;
      await admin.post(
        `/v1/admin/tenants/${tenant.id}/wallet/adjustments`,
        { kind: 'adjustment', amount: '-0.5', reason: 'during walk' },
        { ifMatch: version },
      );
      version += 1;
      const page = TransactionPage.parse(res.body);
      seen.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor !== null);
    const ids = seen.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const tx of existing) expect(ids).toContain(tx.id);
    await expectLedgerInvariant(support, tenant.id);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DryRunResult, Endpoint, EndpointPage, MeteringTickResult, TransactionPage } from '../../shared/api';
import { parseCredits } from '../../shared/money';
import { Client, expectProblem, sandboxClients } from './support/client';
import { advanceClock, expectLedgerInvariant, getTenant, newEndpoint, newTenant } from './support/fixtures';
import { type SpawnedSandbox, spawnSandbox } from './support/spawn-sandbox';

let sb: SpawnedSandbox;
let admin: Client;

// Grace of 30 minutes (instead of the 1 h default) proves the --grace flag is honoured.
const GRACE_SECONDS = 1800;

beforeAll(async () => {
  sb = await spawnSandbox({ seed: 'empty', clock: 'manual', graceSeconds: GRACE_SECONDS });
  ({ admin } = sandboxClients(sb));
});
afterAll(async () => {
  await sb?.stop();
});

const tick = async () => {
  const res = await admin.post('/v1/admin/metering/ticks');
  expect(res.status, res.text).toBe(200);
  return MeteringTickResult.parse(res.body);
};
const endpoint = async (id: string) => Endpoint.parse((await admin.get(`/v1/endpoints/${id}`)).body);
const usage = async (tenantId: string) =>
  TransactionPage.parse(
    (await admin.get(`/v1/tenants/${tenantId}/transactions?type=endpoint_usage&limit=500`)).body,
  ).data;

describe('metering ticks', () => {
  it('charge rate × elapsed over back-to-back windows; a repeated tick charges nothing twice', async () => {
    const tenant = await newTenant(admin, { credits: '100' });
    const ep = await newEndpoint(admin, tenant.id, '2', 'chat');
    await advanceClock(admin, 1800);
    const first = await tick();
    const mine = first.effects.transactions.filter((t) => t.endpoint_id === ep.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      type: 'endpoint_usage',
      amount: '-1',
      window_start: ep.last_metered_at,
      window_end: first.tick_at,
    });
    const repeat = await tick();
    expect(repeat.effects.transactions.filter((t) => t.endpoint_id === ep.id)).toHaveLength(0);
    await advanceClock(admin, 5400);
    await tick();
    const windows = (await usage(tenant.id)).reverse();
    expect(windows.map((w) => w.amount)).toEqual(['-1', '-3']);
    expect(windows[1]?.window_start).toBe(windows[0]?.window_end);
    expect((await endpoint(ep.id)).last_metered_at).toBe(windows[1]?.window_end);
    expect((await getTenant(admin, tenant.id)).wallet.balance).toBe('96');
    await expectLedgerInvariant(admin, tenant.id);
  });

  it('never loses a fraction: many short windows sum to one long one', async () => {
    const tenant = await newTenant(admin, { credits: '100' });
    await newEndpoint(admin, tenant.id, '1.2345', 'odd-rate');
    for (let i = 0; i < 25; i++) {
      await advanceClock(admin, 7);
      await tick();
    }
    const total = (await usage(tenant.id)).reduce((sum, t) => sum - parseCredits(t.amount), 0n);
    // 175 s at 1.2345/h = 0.0600104… credits → 600 units, the floor of the cumulative charge.
    expect(total).toBe((12_345n * 175_000n) / 3_600_000n);
  });

  it('balance ≤ 0 moves active endpoints to depleted_grace; past expiry → suspended and no longer metered', async () => {
    const tenant = await newTenant(admin, { credits: '1' });
    const ep = await newEndpoint(admin, tenant.id, '2', 'burner');
    await advanceClock(admin, 3600); // 2 credits due, balance 1 → -1
    const t1 = await tick();
    expect(t1.effects.transitions).toContainEqual({
      entity: 'endpoint',
      id: ep.id,
      tenant_id: tenant.id,
      field: 'status',
      from: 'active',
      to: 'depleted_grace',
    });
    const grace = await endpoint(ep.id);
    expect(grace.status).toBe('depleted_grace');
    expect(Date.parse(grace.grace_expires_at ?? '')).toBe(Date.parse(t1.tick_at) + GRACE_SECONDS * 1000);
    await advanceClock(admin, GRACE_SECONDS - 60);
    await tick(); // still in grace, still metered
    expect((await endpoint(ep.id)).status).toBe('depleted_grace');
    await advanceClock(admin, 60);
    const t3 = await tick();
    expect(t3.effects.transitions).toContainEqual({
      entity: 'endpoint',
      id: ep.id,
      tenant_id: tenant.id,
      field: 'status',
      from: 'depleted_grace',
      to: 'suspended',
    });
    const charged = (await usage(tenant.id)).length;
    await advanceClock(admin, 3600);
    await tick();
    expect((await usage(tenant.id)).length).toBe(charged);
    expect((await endpoint(ep.id)).status).toBe('suspended');
    await expectLedgerInvariant(admin, tenant.id);
  });

  it('depleted_grace goes back to active once the balance is positive', async () => {
    const tenant = await newTenant(admin, { credits: '0.5' });
    const ep = await newEndpoint(admin, tenant.id, '1', 'saved');
    await advanceClock(admin, 3600);
    await tick();
    expect((await endpoint(ep.id)).status).toBe('depleted_grace');
    const current = await getTenant(admin, tenant.id);
    await admin.post(
      `/v1/admin/tenants/${tenant.id}/wallet/adjustments`,
      { kind: 'top_up', amount: '50', reason: 'rescue' },
      { ifMatch: current.wallet.version },
    );
    const t = await tick();
    expect(t.effects.transitions).toContainEqual({
      entity: 'endpoint',
      id: ep.id,
      tenant_id: tenant.id,
      field: 'status',
      from: 'depleted_grace',
      to: 'active',
    });
    const after = await endpoint(ep.id);
    expect(after).toMatchObject({ status: 'active', grace_expires_at: null });
  });

  it('a dry-run tick previews charges and transitions without writing', async () => {
    const tenant = await newTenant(admin, { credits: '0.1' });
    const ep = await newEndpoint(admin, tenant.id, '1', 'preview');
    await advanceClock(admin, 3600);
    const preview = DryRunResult.parse((await admin.post('/v1/admin/metering/ticks?dry_run=true')).body);
    expect(preview.effects.transitions).toContainEqual(
      expect.objectContaining({ id: ep.id, to: 'depleted_grace' }),
    );
    expect(preview.effects.wallets).toContainEqual({
      tenant_id: tenant.id,
      balance_before: '0.1',
      balance_after: '-0.9',
    });
    expect((await endpoint(ep.id)).status).toBe('active');
    expect(await usage(tenant.id)).toEqual([]);
    const real = await tick();
    expect(real.effects.wallets).toContainEqual({
      tenant_id: tenant.id,
      balance_before: '0.1',
      balance_after: '-0.9',
    });
  });

  it('lists endpoints per tenant and across tenants with a status filter; support may not tick', async () => {
    const tenant = await newTenant(admin, { credits: '5' });
    await newEndpoint(admin, tenant.id, '1', 'a');
    await newEndpoint(admin, tenant.id, '1', 'b');
    const page = EndpointPage.parse((await admin.get(`/v1/tenants/${tenant.id}/endpoints?limit=1`)).body);
    expect(page.data).toHaveLength(1);
    expect(page.next_cursor).not.toBeNull();
    const suspended = EndpointPage.parse(
      (await admin.get('/v1/admin/endpoints?status=suspended&limit=500')).body,
    );
    expect(suspended.data.every((e) => e.status === 'suspended')).toBe(true);
    expectProblem(
      await new Client(sb.url, sb.supportToken).post('/v1/admin/metering/ticks'),
      403,
      'forbidden',
    );
  });
});

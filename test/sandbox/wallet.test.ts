import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditPage, DryRunResult, SubscriptionResult, Tenant, WalletMutationResult } from '../../shared/api';
import { type Client, expectProblem, sandboxClients } from './support/client';
import {
  advanceClock,
  allTransactions,
  expectLedgerInvariant,
  getTenant,
  newTenant,
  snapshot,
} from './support/fixtures';
import { type SpawnedSandbox, spawnSandbox } from './support/spawn-sandbox';

let sb: SpawnedSandbox;
let admin: Client;

// Mid-month start so "advance 40 days" always crosses exactly one month boundary.
beforeAll(async () => {
  sb = await spawnSandbox({ seed: 'empty', clock: 'manual', clockStart: '2026-03-10T09:00:00.000Z' });
  ({ admin } = sandboxClients(sb));
});
afterAll(async () => {
  await sb?.stop();
});

const adjust = (
  tenant: { id: string },
  body: unknown,
  options: { ifMatch?: number | string; key?: string | null; query?: string } = {},
) => admin.post(`/v1/admin/tenants/${tenant.id}/wallet/adjustments${options.query ?? ''}`, body, options);

describe('ledger', () => {
  it('adjustments and top-ups append transactions; balance = sum, version = count; ETag follows', async () => {
    const tenant = await newTenant(admin);
    expect(tenant.wallet).toEqual({ balance: '0', reserved: '0', version: 0 });
    const first = await adjust(
      tenant,
      { kind: 'top_up', amount: '120.5', reason: 'Card payment' },
      { ifMatch: 0 },
    );
    expect(first.status, first.text).toBe(201);
    const result = WalletMutationResult.parse(first.body);
    expect(result.transaction).toMatchObject({
      seq: 1,
      type: 'top_up',
      amount: '120.5',
      balance_after: '120.5',
      reason: 'Card payment',
    });
    expect(result.transaction.actor).toBe('usr_sandbox_admin');
    expect(result.transaction.idempotency_key).toBe(
      first.headers.get('idempotency-key') ?? result.transaction.idempotency_key,
    );
    expect(result.wallet).toEqual({ balance: '120.5', reserved: '0', version: 1 });
    expect(first.headers.get('etag')).toBe('"1"');
    expect(result.effects.wallets).toEqual([
      { tenant_id: tenant.id, balance_before: '0', balance_after: '120.5' },
    ]);

    const second = await adjust(
      tenant,
      { kind: 'adjustment', amount: '-10', reason: 'Correction' },
      { ifMatch: '"1"' },
    );
    expect(second.status, second.text).toBe(201);
    const third = await adjust(
      tenant,
      { kind: 'adjustment', amount: '0.0001', reason: 'Rounding' },
      { ifMatch: 'W/"2"' },
    );
    expect(third.status, third.text).toBe(201);
    const fetched = await admin.get(`/v1/tenants/${tenant.id}`);
    expect(fetched.headers.get('etag')).toBe('"3"');
    expect(Tenant.parse(fetched.body).wallet).toEqual({ balance: '110.5001', reserved: '0', version: 3 });
    await expectLedgerInvariant(admin, tenant.id);
    const txs = await allTransactions(admin, tenant.id);
    expect(txs.map((t) => t.seq)).toEqual([3, 2, 1]);
    expect(new Set(txs.map((t) => t.id)).size).toBe(3);
  });

  it('rejects top_up ≤ 0, adjustment = 0, blank or over-long reasons', async () => {
    const tenant = await newTenant(admin);
    for (const body of [
      { kind: 'top_up', amount: '0', reason: 'r' },
      { kind: 'top_up', amount: '-1', reason: 'r' },
      { kind: 'adjustment', amount: '0', reason: 'r' },
      { kind: 'adjustment', amount: '-0.0000', reason: 'r' },
      { kind: 'adjustment', amount: '5', reason: '' },
      { kind: 'adjustment', amount: '5', reason: ' \t ' },
      { kind: 'adjustment', amount: '5', reason: 'x'.repeat(501) },
      { kind: 'adjustment', amount: '5' },
    ]) {
      const problem = expectProblem(await adjust(tenant, body, { ifMatch: 0 }), 422, 'validation_failed');
      expect(problem.errors?.length, JSON.stringify(body)).toBeGreaterThan(0);
    }
    expect(
      (await adjust(tenant, { kind: 'adjustment', amount: '5', reason: 'x'.repeat(500) }, { ifMatch: 0 }))
        .status,
    ).toBe(201);
    expect((await getTenant(admin, tenant.id)).wallet.version).toBe(1);
  });

  it('a transaction can never be changed: the database refuses (checked by reading it back unchanged)', async () => {
    const tenant = await newTenant(admin, { credits: '5' });
    const before = await allTransactions(admin, tenant.id);
    await adjust(tenant, { kind: 'top_up', amount: '1', reason: 'more' }, { ifMatch: 1 });
    const after = await allTransactions(admin, tenant.id);
    expect(after.slice(1)).toEqual(before);
  });
});

describe('optimistic concurrency (If-Match)', () => {
  it('missing If-Match is 428; stale is 412 with the current wallet', async () => {
    const tenant = await newTenant(admin, { credits: '7' });
    expectProblem(
      await adjust(tenant, { kind: 'top_up', amount: '1', reason: 'r' }),
      428,
      'precondition_required',
    );
    const stale = expectProblem(
      await adjust(tenant, { kind: 'top_up', amount: '1', reason: 'r' }, { ifMatch: 0 }),
      412,
      'precondition_failed',
    );
    expect(stale.wallet).toEqual({ balance: '7', reserved: '0', version: 1 });
    expectProblem(
      await adjust(tenant, { kind: 'top_up', amount: '1', reason: 'r' }, { ifMatch: '*' }),
      412,
      'precondition_failed',
    );
    expectProblem(
      await adjust(tenant, { kind: 'top_up', amount: '1', reason: 'r' }, { ifMatch: 'garbage' }),
      412,
      'precondition_failed',
    );
    for (const path of ['wallet/replenishments']) {
      expectProblem(
        await admin.post(`/v1/admin/tenants/${tenant.id}/${path}`, {}),
        428,
        'precondition_required',
      );
    }
    expectProblem(
      await admin.put(`/v1/admin/tenants/${tenant.id}/subscription`, {
        plan: 'team',
        monthly_credits: '1',
        activate: true,
        issue_first_month: false,
      }),
      428,
      'precondition_required',
    );
    expect((await getTenant(admin, tenant.id)).wallet.version).toBe(1);
  });

  it('of two concurrent writers with the same version exactly one wins', async () => {
    const tenant = await newTenant(admin);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        adjust(tenant, { kind: 'top_up', amount: '1', reason: `racer ${i}` }, { ifMatch: 0 }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(7);
    await expectLedgerInvariant(admin, tenant.id);
  });
});

describe('idempotency', () => {
  it('POST/PUT without a valid Idempotency-Key is 400', async () => {
    const tenant = await newTenant(admin);
    expectProblem(
      await adjust(tenant, { kind: 'top_up', amount: '1', reason: 'r' }, { ifMatch: 0, key: null }),
      400,
      'idempotency_key_required',
    );
    expectProblem(
      await adjust(tenant, { kind: 'top_up', amount: '1', reason: 'r' }, { ifMatch: 0, key: '' }),
      400,
      'idempotency_key_required',
    );
    expectProblem(
      await adjust(
        tenant,
        { kind: 'top_up', amount: '1', reason: 'r' },
        { ifMatch: 0, key: 'k'.repeat(256) },
      ),
      400,
      'idempotency_key_required',
    );
    expect(
      (
        await adjust(
          tenant,
          { kind: 'top_up', amount: '1', reason: 'r' },
          { ifMatch: 0, key: 'k'.repeat(255) },
        )
      ).status,
    ).toBe(201);
  });

  it('the same key and request replays the stored response, even with a now-stale If-Match', async () => {
    const tenant = await newTenant(admin);
    const body = { kind: 'top_up', amount: '3', reason: 'retry me' };
    const first = await adjust(tenant, body, { ifMatch: 0, key: 'replay-1' });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await adjust(
      tenant,
      { reason: 'retry me', amount: '3', kind: 'top_up' },
      { ifMatch: 0, key: 'replay-1' },
    );
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect((await getTenant(admin, tenant.id)).wallet).toMatchObject({ balance: '3', version: 1 });
  });

  it('concurrent retries with one key commit once', async () => {
    const tenant = await newTenant(admin);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        adjust(tenant, { kind: 'top_up', amount: '2', reason: 'burst' }, { ifMatch: 0, key: 'burst-key' }),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
    expect((await getTenant(admin, tenant.id)).wallet).toMatchObject({ balance: '2', version: 1 });
  });

  it('the same key with a different request is 422 idempotency_key_reused', async () => {
    const tenant = await newTenant(admin);
    expect(
      (await adjust(tenant, { kind: 'top_up', amount: '1', reason: 'a' }, { ifMatch: 0, key: 'reuse' }))
        .status,
    ).toBe(201);
    expectProblem(
      await adjust(tenant, { kind: 'top_up', amount: '2', reason: 'a' }, { ifMatch: 1, key: 'reuse' }),
      422,
      'idempotency_key_reused',
    );
    const other = await newTenant(admin);
    expectProblem(
      await adjust(other, { kind: 'top_up', amount: '1', reason: 'a' }, { ifMatch: 0, key: 'reuse' }),
      422,
      'idempotency_key_reused',
    );
    expect((await getTenant(admin, other.id)).wallet.version).toBe(0);
  });

  it('failed requests are not stored: the same key works once the cause is fixed', async () => {
    const tenant = await newTenant(admin);
    expectProblem(
      await adjust(tenant, { kind: 'top_up', amount: '1', reason: 'a' }, { ifMatch: 5, key: 'fix-me' }),
      412,
      'precondition_failed',
    );
    expect(
      (await adjust(tenant, { kind: 'top_up', amount: '1', reason: 'a' }, { ifMatch: 0, key: 'fix-me' }))
        .status,
    ).toBe(201);
  });

  it('keys expire after 24 h of the sandbox clock', async () => {
    const tenant = await newTenant(admin);
    expect(
      (await adjust(tenant, { kind: 'top_up', amount: '1', reason: 'a' }, { ifMatch: 0, key: 'day-old' }))
        .status,
    ).toBe(201);
    await advanceClock(admin, 24 * 3600 + 1);
    const later = await adjust(
      tenant,
      { kind: 'top_up', amount: '9', reason: 'b' },
      { ifMatch: 1, key: 'day-old' },
    );
    expect(later.status, later.text).toBe(201);
    expect(later.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('dry run previews', () => {
  it('returns the exact effects of the real request and writes nothing (no audit, no key consumed)', async () => {
    const tenant = await newTenant(admin, { credits: '10' });
    const before = await snapshot(admin, tenant.id);
    const body = { kind: 'adjustment', amount: '-4.5', reason: 'preview me' };
    const preview = await adjust(tenant, body, { ifMatch: 1, key: 'dry-key', query: '?dry_run=true' });
    expect(preview.status, preview.text).toBe(200);
    const dry = DryRunResult.parse(preview.body);
    expect(dry.effects.wallets).toEqual([
      { tenant_id: tenant.id, balance_before: '10', balance_after: '5.5' },
    ]);
    expect(await snapshot(admin, tenant.id)).toBe(before);
    const real = await adjust(tenant, body, { ifMatch: 1, key: 'dry-key' });
    expect(real.status).toBe(201);
    const committed = WalletMutationResult.parse(real.body);
    // Preview == commit by construction: same ids, amounts, balances, timestamps.
    expect(committed.effects).toEqual(dry.effects);
  });

  it('checks preconditions and business rules too', async () => {
    const tenant = await newTenant(admin, { credits: '10' });
    expectProblem(
      await adjust(
        tenant,
        { kind: 'top_up', amount: '1', reason: 'r' },
        { ifMatch: 0, query: '?dry_run=true' },
      ),
      412,
      'precondition_failed',
    );
    expectProblem(
      await adjust(tenant, { kind: 'top_up', amount: '1', reason: 'r' }, { query: '?dry_run=true' }),
      428,
      'precondition_required',
    );
    expectProblem(
      await adjust(
        tenant,
        { kind: 'top_up', amount: '0', reason: 'r' },
        { ifMatch: 1, query: '?dry_run=true' },
      ),
      422,
      'validation_failed',
    );
    expectProblem(
      await adjust(
        tenant,
        { kind: 'top_up', amount: '1', reason: 'r' },
        { ifMatch: 1, key: null, query: '?dry_run=true' },
      ),
      400,
      'idempotency_key_required',
    );
    expectProblem(
      await adjust(
        tenant,
        { kind: 'top_up', amount: '1', reason: 'r' },
        { ifMatch: 1, query: '?dry_run=yes' },
      ),
      422,
      'validation_failed',
    );
  });

  it('a subscription preview lists the transitions', async () => {
    const created = await admin.post('/sandbox/tenants', { name: 'Preview Co' });
    const tenant = Tenant.parse(created.body);
    const res = await admin.put(
      `/v1/admin/tenants/${tenant.id}/subscription?dry_run=true`,
      { plan: 'starter', monthly_credits: '500', activate: true, issue_first_month: true },
      { ifMatch: 0 },
    );
    const dry = DryRunResult.parse(res.body);
    expect(dry.effects.transitions).toEqual(
      expect.arrayContaining([
        {
          entity: 'tenant',
          id: tenant.id,
          tenant_id: tenant.id,
          field: 'status',
          from: 'pending_subscription',
          to: 'active',
        },
        { entity: 'tenant', id: tenant.id, tenant_id: tenant.id, field: 'plan', from: null, to: 'starter' },
      ]),
    );
    expect(dry.effects.transactions).toHaveLength(1);
    expect(dry.effects.transactions[0]).toMatchObject({ type: 'subscription_grant', amount: '500' });
    expect((await getTenant(admin, tenant.id)).status).toBe('pending_subscription');
  });
});

describe('subscription', () => {
  it('unknown plans are 422 unknown_plan', async () => {
    const tenant = Tenant.parse((await admin.post('/sandbox/tenants', { name: 'Planless' })).body);
    const problem = expectProblem(
      await admin.put(
        `/v1/admin/tenants/${tenant.id}/subscription`,
        { plan: 'platinum', monthly_credits: '5', activate: true, issue_first_month: false },
        { ifMatch: 0 },
      ),
      422,
      'unknown_plan',
    );
    expect(problem.errors?.[0]?.field).toBe('plan');
  });

  it('activate moves pending → active; issue_first_month grants and counts as this month’s replenishment', async () => {
    const tenant = Tenant.parse((await admin.post('/sandbox/tenants', { name: 'Newco' })).body);
    const res = await admin.put(
      `/v1/admin/tenants/${tenant.id}/subscription`,
      { plan: 'team', monthly_credits: '5000', activate: true, issue_first_month: true },
      { ifMatch: 0 },
    );
    expect(res.status, res.text).toBe(200);
    const result = SubscriptionResult.parse(res.body);
    expect(result.tenant).toMatchObject({ status: 'active', plan: 'team', monthly_credits: '5000' });
    expect(result.tenant.wallet.balance).toBe('5000');
    expect(result.effects.transactions[0]?.type).toBe('subscription_grant');
    const period = (await admin.get<{ now: string }>('/sandbox/clock')).body.now.slice(0, 7);
    expect(result.tenant.last_replenished_period).toBe(period);
    expectProblem(
      await admin.post(`/v1/admin/tenants/${tenant.id}/wallet/replenishments`, {}, { ifMatch: 1 }),
      409,
      'already_replenished',
    );
    expectProblem(
      await admin.put(
        `/v1/admin/tenants/${tenant.id}/subscription`,
        { plan: 'team', monthly_credits: '5000', activate: true, issue_first_month: true },
        { ifMatch: 1 },
      ),
      409,
      'already_replenished',
    );
  });

  it('without activate a pending tenant stays pending and cannot be granted credits', async () => {
    const tenant = Tenant.parse((await admin.post('/sandbox/tenants', { name: 'Later Ltd' })).body);
    expectProblem(
      await admin.put(
        `/v1/admin/tenants/${tenant.id}/subscription`,
        { plan: 'team', monthly_credits: '10', activate: false, issue_first_month: true },
        { ifMatch: 0 },
      ),
      409,
      'tenant_not_active',
    );
    const ok = await admin.put(
      `/v1/admin/tenants/${tenant.id}/subscription`,
      { plan: 'team', monthly_credits: '10', activate: false, issue_first_month: false },
      { ifMatch: 0 },
    );
    expect(SubscriptionResult.parse(ok.body).tenant).toMatchObject({
      status: 'pending_subscription',
      plan: 'team',
    });
  });

  it('a suspended tenant cannot be activated by a subscription change', async () => {
    const tenant = Tenant.parse(
      (await admin.post('/sandbox/tenants', { name: 'Frozen', status: 'suspended' })).body,
    );
    expectProblem(
      await admin.put(
        `/v1/admin/tenants/${tenant.id}/subscription`,
        { plan: 'team', monthly_credits: '10', activate: true, issue_first_month: false },
        { ifMatch: 0 },
      ),
      409,
      'tenant_suspended',
    );
  });
});

describe('replenishment', () => {
  it('once per calendar month of the backend clock; blank amount = monthly credits; override allowed', async () => {
    const tenant = await newTenant(admin, { plan: 'starter', monthly: '500' });
    const first = await admin.post(
      `/v1/admin/tenants/${tenant.id}/wallet/replenishments`,
      { amount: '' },
      { ifMatch: 0 },
    );
    expect(first.status, first.text).toBe(201);
    expect(WalletMutationResult.parse(first.body).transaction).toMatchObject({
      type: 'replenishment',
      amount: '500',
    });
    expectProblem(
      await admin.post(`/v1/admin/tenants/${tenant.id}/wallet/replenishments`, {}, { ifMatch: 1 }),
      409,
      'already_replenished',
    );
    await advanceClock(admin, 40 * 86_400);
    const next = await admin.post(
      `/v1/admin/tenants/${tenant.id}/wallet/replenishments`,
      { amount: '750.25' },
      { ifMatch: 1 },
    );
    expect(next.status, next.text).toBe(201);
    expect(WalletMutationResult.parse(next.body).transaction.amount).toBe('750.25');
    expectProblem(
      await admin.post(
        `/v1/admin/tenants/${tenant.id}/wallet/replenishments`,
        { amount: '-1' },
        { ifMatch: 2 },
      ),
      422,
      'validation_failed',
    );
    await expectLedgerInvariant(admin, tenant.id);
  });

  it('needs an active tenant with a plan', async () => {
    const pending = Tenant.parse((await admin.post('/sandbox/tenants', { name: 'Pending' })).body);
    expectProblem(
      await admin.post(`/v1/admin/tenants/${pending.id}/wallet/replenishments`, {}, { ifMatch: 0 }),
      409,
      'tenant_not_active',
    );
    const noPlan = Tenant.parse(
      (await admin.post('/sandbox/tenants', { name: 'No plan', status: 'active' })).body,
    );
    expectProblem(
      await admin.post(`/v1/admin/tenants/${noPlan.id}/wallet/replenishments`, {}, { ifMatch: 0 }),
      409,
      'no_plan',
    );
  });
});

describe('audit', () => {
  it('every committed mutation writes one entry with actor, action, tenant, body, key and result', async () => {
    const tenant = await newTenant(admin);
    await adjust(
      tenant,
      { kind: 'top_up', amount: '8', reason: 'audited' },
      { ifMatch: 0, key: 'audit-key' },
    );
    await adjust(
      tenant,
      { kind: 'top_up', amount: '8', reason: 'audited' },
      { ifMatch: 0, key: 'audit-key' },
    ); // replay: no new entry
    await adjust(
      tenant,
      { kind: 'top_up', amount: '8', reason: 'audited' },
      { ifMatch: 1, query: '?dry_run=true' },
    ); // preview: none
    expectProblem(
      await adjust(tenant, { kind: 'top_up', amount: '8', reason: 'x' }, { ifMatch: 0 }),
      412,
      'precondition_failed',
    ); // refused: none
    const page = AuditPage.parse((await admin.get(`/v1/admin/audit?tenant_id=${tenant.id}`)).body);
    expect(page.data.map((e) => e.action)).toEqual(['wallet.top_up', 'subscription.update']);
    const entry = page.data[0];
    expect(entry).toMatchObject({
      actor: 'usr_sandbox_admin',
      actor_role: 'admin',
      tenant_id: tenant.id,
      idempotency_key: 'audit-key',
      method: 'POST',
      request_body: { kind: 'top_up', amount: '8', reason: 'audited' },
      result: { status: 201 },
    });
    expect(entry?.result.transaction_ids).toHaveLength(1);
    const byAction = AuditPage.parse((await admin.get('/v1/admin/audit?action=wallet.top_up&limit=1')).body);
    expect(byAction.data[0]?.action).toBe('wallet.top_up');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Me, SandboxClock, SandboxFaults, TenantPage, WalletMutationResult } from '../../shared/api';
import { Client, expectProblem, sandboxClients } from './support/client';
import { getTenant, newTenant } from './support/fixtures';
import { type SpawnedSandbox, spawnSandbox } from './support/spawn-sandbox';

let sb: SpawnedSandbox;
let admin: Client;

beforeAll(async () => {
  sb = await spawnSandbox({ seed: 'empty', clock: 'manual', clockStart: '2026-05-31T23:59:00.000Z' });
  ({ admin } = sandboxClients(sb));
});
afterAll(async () => {
  await sb?.stop();
});

describe('sandbox clock', () => {
  it('is frozen in manual mode and moves only when told, never backwards', async () => {
    const start = SandboxClock.parse((await admin.get('/sandbox/clock')).body);
    expect(start).toEqual({ now: '2026-05-31T23:59:00.000Z', mode: 'manual' });
    expect(SandboxClock.parse((await admin.get('/sandbox/clock')).body).now).toBe(start.now);
    const moved = SandboxClock.parse((await admin.post('/sandbox/clock', { advance_seconds: 90 })).body);
    expect(moved.now).toBe('2026-06-01T00:00:30.000Z');
    expectProblem(
      await admin.post('/sandbox/clock', { set_to: '2026-01-01T00:00:00.000Z' }),
      422,
      'validation_failed',
    );
    expectProblem(await admin.post('/sandbox/clock', { advance_seconds: -5 }), 422, 'validation_failed');
    const set = SandboxClock.parse(
      (await admin.post('/sandbox/clock', { set_to: '2026-06-02T00:00:00.000Z' })).body,
    );
    expect(set.now).toBe('2026-06-02T00:00:00.000Z');
  });

  it('stamps created_at from the sandbox clock', async () => {
    const tenant = await newTenant(admin);
    const now = SandboxClock.parse((await admin.get('/sandbox/clock')).body).now;
    const res = await admin.post(
      `/v1/admin/tenants/${tenant.id}/wallet/adjustments`,
      { kind: 'top_up', amount: '1', reason: 'clocked' },
      { ifMatch: 0 },
    );
    expect(WalletMutationResult.parse(res.body).transaction.created_at).toBe(now);
  });
});

describe('fault injection', () => {
  it('injects an error status for the next N matching requests only', async () => {
    const set = await admin.post('/sandbox/faults', {
      count: 2,
      error_status: 503,
      method: 'GET',
      path_prefix: '/v1/plans',
    });
    expect(SandboxFaults.parse(set.body)).toMatchObject({ remaining: 2, error_status: 503 });
    expect((await admin.get('/v1/me')).status).toBe(200); // does not match the prefix
    expectProblem(await admin.get('/v1/plans'), 503, 'injected_fault');
    expectProblem(await admin.get('/v1/plans'), 503, 'injected_fault');
    expect((await admin.get('/v1/plans')).status).toBe(200);
    await admin.post('/sandbox/faults', { count: 1, error_status: 429, retry_after_seconds: 2 });
    const limited = await admin.get('/v1/me');
    expectProblem(limited, 429, 'injected_fault');
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(SandboxFaults.parse((await admin.get('/sandbox/faults')).body).remaining).toBe(0);
  });

  it('adds latency', async () => {
    await admin.post('/sandbox/faults', { count: 1, latency_ms: 300 });
    const started = performance.now();
    expect((await admin.get('/v1/me')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('drop after commit: the write commits, the connection closes, a retry with the same key replays', async () => {
    const tenant = await newTenant(admin);
    await admin.post('/sandbox/faults', { count: 1, drop_after_commit: true, method: 'POST' });
    const body = { kind: 'top_up', amount: '42', reason: 'lost response' };
    const options = { ifMatch: 0, key: 'drop-retry' };
    await expect(
      admin.post(`/v1/admin/tenants/${tenant.id}/wallet/adjustments`, body, options),
    ).rejects.toThrow();
    expect((await getTenant(admin, tenant.id)).wallet).toMatchObject({ balance: '42', version: 1 });
    const retry = await admin.post(`/v1/admin/tenants/${tenant.id}/wallet/adjustments`, body, options);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await getTenant(admin, tenant.id)).wallet).toMatchObject({ balance: '42', version: 1 });
  });

  it('validates its own input and needs the admin token', async () => {
    expectProblem(
      await admin.post('/sandbox/faults', { count: 1, error_status: 200 }),
      422,
      'validation_failed',
    );
    expectProblem(
      await new Client(sb.url, sb.supportToken).post('/sandbox/faults', { count: 1 }),
      403,
      'forbidden',
    );
    expectProblem(await admin.post('/sandbox/faults', { count: 1 }, { token: null }), 401, 'unauthenticated');
  });
});

describe('fixtures', () => {
  it('can force a tenant status (suspension happens outside the contract)', async () => {
    const tenant = await newTenant(admin);
    const res = await admin.post(`/sandbox/tenants/${tenant.id}/status`, { status: 'suspended' });
    expect(res.status, res.text).toBe(200);
    expect((await getTenant(admin, tenant.id)).status).toBe('suspended');
    expectProblem(
      await admin.post('/sandbox/tenants/ten_999999/status', { status: 'active' }),
      404,
      'not_found',
    );
    expectProblem(
      await admin.post(`/sandbox/tenants/${tenant.id}/status`, { status: 'gone' }),
      422,
      'validation_failed',
    );
  });
});

describe('process-level options', () => {
  it('data survives a restart; an existing data dir is not re-seeded; the manual clock resumes', async () => {
    const first = await spawnSandbox({
      seed: 'empty',
      clock: 'manual',
      clockStart: '2026-02-01T00:00:00.000Z',
    });
    const c1 = sandboxClients(first).admin;
    const tenant = await newTenant(c1, { name: 'Survivor', credits: '12.5' });
    await c1.post('/sandbox/clock', { advance_seconds: 3600 });
    await first.stop({ keepData: true });
    const second = await spawnSandbox({ seed: 'demo', clock: 'manual', dataDir: first.dataDir });
    try {
      const c2 = sandboxClients(second).admin;
      const tenants = TenantPage.parse((await c2.get('/v1/tenants?limit=500')).body).data;
      expect(tenants.map((t) => t.name)).toEqual(['Survivor']);
      expect((await getTenant(c2, tenant.id)).wallet.balance).toBe('12.5');
      expect(SandboxClock.parse((await c2.get('/sandbox/clock')).body).now).toBe('2026-02-01T01:00:00.000Z');
    } finally {
      await second.stop();
      const { rmSync } = await import('node:fs');
      rmSync(first.dataDir, { recursive: true, force: true });
    }
  });

  it('can pretend to be another environment and use other tokens', async () => {
    const prod = await spawnSandbox({
      environmentKind: 'production',
      environmentName: 'Pretend production',
      adminToken: 'other-admin',
      supportToken: 'other-support',
    });
    try {
      const me = Me.parse((await new Client(prod.url, 'other-admin').get('/v1/me')).body);
      expect(me.environment).toEqual({ name: 'Pretend production', kind: 'production' });
      expect(prod.adminToken).toBe('other-admin');
      expectProblem(await new Client(prod.url, 'sandbox-admin').get('/v1/me'), 401, 'unauthenticated');
    } finally {
      await prod.stop();
    }
  });
});

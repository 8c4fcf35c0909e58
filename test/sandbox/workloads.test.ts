import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DryRunResult,
  ReconciliationResult,
  Workload,
  WorkloadCancelResult,
  WorkloadCreateResult,
  WorkloadPage,
} from '../../shared/api';
import { formatCredits, parseCredits } from '../../shared/money';
import { type Client, expectProblem, sandboxClients } from './support/client';
import { advanceClock, expectLedgerInvariant, getTenant, newTenant } from './support/fixtures';
import { type SpawnedSandbox, spawnSandbox } from './support/spawn-sandbox';

let sb: SpawnedSandbox;
let admin: Client;
let support: Client;

beforeAll(async () => {
  sb = await spawnSandbox({ seed: 'empty', clock: 'manual' });
  ({ admin, support } = sandboxClients(sb));
});
afterAll(async () => {
  await sb?.stop();
});

const submit = (tenantId: string, body: unknown, options = {}) =>
  admin.post(`/v1/tenants/${tenantId}/workloads`, body, options);
const getWorkload = async (id: string) => Workload.parse((await support.get(`/v1/workloads/${id}`)).body);
let urlCounter = 0;
const uniqueUrl = (suffix = '.py') => `https://github.com/test/repo/blob/main/job_${++urlCounter}${suffix}`;

describe('creating workloads', () => {
  it('reserves the deterministic estimate with a reservation debit', async () => {
    const tenant = await newTenant(admin, { credits: '1000' });
    const url = 'https://github.com/acme/models/blob/main/train.ipynb';
    const res = await submit(tenant.id, { source_url: `${url}?plain=1`, name: 'Training' });
    expect(res.status, res.text).toBe(201);
    const created = WorkloadCreateResult.parse(res.body);
    expect(created.workload).toMatchObject({
      name: 'Training',
      status: 'queued',
      actual_credits: null,
      reconciled_at: null,
    });
    expect(created.workload.events).toEqual([
      { status: 'queued', at: created.workload.created_at, message: expect.any(String) },
    ]);
    expect(created.transaction).toMatchObject({ type: 'reservation', workload_id: created.workload.id });
    expect(created.transaction.amount).toBe(formatCredits(-parseCredits(created.workload.estimate_credits)));
    expect(created.wallet.reserved).toBe(created.workload.estimate_credits);
    // Same URL (query string ignored), same estimate, in another tenant too.
    const other = await newTenant(admin, { credits: '1000' });
    const again = WorkloadCreateResult.parse((await submit(other.id, { source_url: url })).body);
    expect(again.workload.estimate_credits).toBe(created.workload.estimate_credits);
    expect(again.workload.name).toBe('train.ipynb');
    await expectLedgerInvariant(admin, tenant.id);
  });

  it('validates source_url: https, path ending in .ipynb or .py', async () => {
    const tenant = await newTenant(admin, { credits: '1000' });
    for (const source_url of [
      'http://x.org/a.py',
      'https://x.org/a.pyc',
      'https://x.org/a',
      'ftp://x.org/a.py',
      'https://x.org/a.txt?f=.py',
      'a.py',
    ]) {
      const problem = expectProblem(await submit(tenant.id, { source_url }), 422, 'validation_failed');
      expect(problem.errors?.[0]?.field).toBe('source_url');
    }
    expect((await submit(tenant.id, { source_url: 'https://x.org/dir/NoteBook.IPYNB#frag' })).status).toBe(
      201,
    );
  });

  it('needs an active tenant (409) and enough balance (402)', async () => {
    const pending = await newTenant(admin, { active: false });
    expectProblem(await submit(pending.id, { source_url: uniqueUrl() }), 409, 'tenant_not_active');
    const poor = await newTenant(admin, { credits: '1' });
    const problem = expectProblem(
      await submit(poor.id, { source_url: uniqueUrl() }),
      402,
      'insufficient_credits',
    );
    expect(problem.detail).toMatch(/estimate/);
    expect((await getTenant(admin, poor.id)).wallet.version).toBe(1);
  });

  it('a dry run previews the reservation and writes nothing', async () => {
    const tenant = await newTenant(admin, { credits: '100' });
    const res = await submit(tenant.id, { source_url: uniqueUrl() }, { query: '' });
    expect(res.status).toBe(201);
    const preview = await admin.post(`/v1/tenants/${tenant.id}/workloads?dry_run=true`, {
      source_url: uniqueUrl(),
    });
    const dry = DryRunResult.parse(preview.body);
    expect(dry.effects.transactions[0]?.type).toBe('reservation');
    expect(dry.effects.transitions[0]).toMatchObject({
      entity: 'workload',
      field: 'status',
      from: null,
      to: 'queued',
    });
    const list = WorkloadPage.parse((await admin.get(`/v1/tenants/${tenant.id}/workloads`)).body);
    expect(list.data).toHaveLength(1);
  });
});

describe('the workload state machine follows the sandbox clock', () => {
  it('queued → fetching → instrumenting → running → succeeded, with timed events', async () => {
    const tenant = await newTenant(admin, { credits: '1000' });
    const created = WorkloadCreateResult.parse(
      (await submit(tenant.id, { source_url: uniqueUrl() })).body,
    ).workload;
    expect((await getWorkload(created.id)).status).toBe('queued');
    await advanceClock(admin, 5);
    expect((await getWorkload(created.id)).status).toBe('fetching');
    await advanceClock(admin, 10);
    expect((await getWorkload(created.id)).status).toBe('instrumenting');
    await advanceClock(admin, 20);
    expect((await getWorkload(created.id)).status).toBe('running');
    await advanceClock(admin, 300);
    const done = await getWorkload(created.id);
    expect(['succeeded', 'failed']).toContain(done.status);
    expect(done.events.map((e) => e.status)).toEqual([
      'queued',
      'fetching',
      'instrumenting',
      'running',
      done.status,
    ]);
    const times = done.events.map((e) => Date.parse(e.at));
    const gaps = times.slice(1, 4).map((t, index) => t - (times[index] ?? 0));
    expect(gaps).toEqual([5_000, 10_000, 20_000]);
  });

  it('a file name containing "fail" fails; the outcome is deterministic', async () => {
    const tenant = await newTenant(admin, { credits: '1000' });
    const created = WorkloadCreateResult.parse(
      (await submit(tenant.id, { source_url: uniqueUrl('_fail.ipynb') })).body,
    ).workload;
    await advanceClock(admin, 400);
    expect((await getWorkload(created.id)).status).toBe('failed');
  });

  it('cancel works from any non-terminal state and not after', async () => {
    const tenant = await newTenant(admin, { credits: '1000' });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push(
        WorkloadCreateResult.parse((await submit(tenant.id, { source_url: uniqueUrl() })).body).workload.id,
      );
    // Stagger them into queued, fetching, instrumenting, running by cancelling one per phase.
    const steps = [
      { wait: 0, status: 'queued' },
      { wait: 5, status: 'fetching' },
      { wait: 10, status: 'instrumenting' },
      { wait: 20, status: 'running' },
    ];
    for (const [i, { wait, status }] of steps.entries()) {
      if (wait > 0) await advanceClock(admin, wait);
      const before = await getWorkload(ids[i] ?? '');
      expect(before.status).toBe(status);
      const res = await admin.post(`/v1/workloads/${ids[i]}/cancel`);
      expect(res.status, res.text).toBe(200);
      const cancelled = WorkloadCancelResult.parse(res.body);
      expect(cancelled.workload.status).toBe('cancelled');
      expect(cancelled.effects.transitions).toEqual([
        {
          entity: 'workload',
          id: ids[i],
          tenant_id: tenant.id,
          field: 'status',
          from: status,
          to: 'cancelled',
        },
      ]);
    }
    await advanceClock(admin, 600);
    expect((await getWorkload(ids[0] ?? '')).status).toBe('cancelled');
    expectProblem(await admin.post(`/v1/workloads/${ids[0]}/cancel`), 409, 'workload_terminal');
    expectProblem(await admin.post('/v1/workloads/wl_999999/cancel'), 404, 'not_found');
  });
});

describe('reconciliation', () => {
  async function finishedWorkload(credits = '1000') {
    const tenant = await newTenant(admin, { credits });
    const workload = WorkloadCreateResult.parse(
      (await submit(tenant.id, { source_url: uniqueUrl() })).body,
    ).workload;
    await admin.post(`/v1/workloads/${workload.id}/cancel`);
    return { tenant, workload };
  }
  const reconcile = (id: string, actual: string, options = {}) =>
    admin.post(`/v1/admin/workloads/${id}/reconciliation`, { actual_credits: actual }, options);

  it('only for terminal workloads', async () => {
    const tenant = await newTenant(admin, { credits: '1000' });
    const workload = WorkloadCreateResult.parse(
      (await submit(tenant.id, { source_url: uniqueUrl() })).body,
    ).workload;
    expectProblem(await reconcile(workload.id, '1'), 409, 'workload_not_terminal');
  });

  it('actual > estimate charges the difference', async () => {
    const { tenant, workload } = await finishedWorkload();
    const actual = formatCredits(parseCredits(workload.estimate_credits) + 12_345n);
    const result = ReconciliationResult.parse((await reconcile(workload.id, actual)).body);
    expect(result.transaction).toMatchObject({
      type: 'reconciliation_charge',
      amount: '-1.2345',
      workload_id: workload.id,
    });
    expect(result.workload.actual_credits).toBe(actual);
    expect(result.workload.reconciled_at).not.toBeNull();
    expect(result.wallet.reserved).toBe('0');
    await expectLedgerInvariant(admin, tenant.id);
  });

  it('actual < estimate refunds the difference, at most the estimate', async () => {
    const { tenant, workload } = await finishedWorkload();
    const result = ReconciliationResult.parse((await reconcile(workload.id, '0')).body);
    expect(result.transaction).toMatchObject({
      type: 'reconciliation_refund',
      amount: workload.estimate_credits,
    });
    expect((await getTenant(admin, tenant.id)).wallet.balance).toBe('1000');
    expectProblem(await reconcile(workload.id, '0'), 409, 'already_reconciled');
    expectProblem(await reconcile(workload.id, '-1'), 422, 'validation_failed');
  });

  it('equal writes no transaction but marks it reconciled, once', async () => {
    const { tenant, workload } = await finishedWorkload();
    const before = await getTenant(admin, tenant.id);
    // A non-canonical spelling of the same amount ("12.5" as "12.50") is still equal.
    const estimate = workload.estimate_credits;
    const decimals = estimate.split('.')[1]?.length ?? 0;
    const spelled = decimals === 0 ? `${estimate}.0` : decimals < 4 ? `${estimate}0` : estimate;
    const res = await reconcile(workload.id, spelled);
    const result = ReconciliationResult.parse(res.body);
    expect(result.transaction).toBeNull();
    expect(result.effects.transactions).toEqual([]);
    expect(result.effects.transitions).toEqual([
      {
        entity: 'workload',
        id: workload.id,
        tenant_id: tenant.id,
        field: 'reconciled',
        from: 'false',
        to: 'true',
      },
    ]);
    expect((await getTenant(admin, tenant.id)).wallet.version).toBe(before.wallet.version);
    expectProblem(await reconcile(workload.id, workload.estimate_credits), 409, 'already_reconciled');
    const queue = WorkloadPage.parse(
      (await admin.get(`/v1/admin/workloads?tenant_id=${tenant.id}&reconciled=false`)).body,
    );
    expect(queue.data).toEqual([]);
    const done = WorkloadPage.parse(
      (await admin.get(`/v1/admin/workloads?tenant_id=${tenant.id}&reconciled=true`)).body,
    );
    expect(done.data.map((w) => w.id)).toEqual([workload.id]);
  });
});

describe('optional If-Match on the workload routes that touch a wallet', () => {
  it('create, cancel and reconcile honour a sent If-Match: stale is 412 with the current wallet and writes nothing; current or absent proceeds', async () => {
    const tenant = await newTenant(admin, { credits: '1000' });
    const version = (await getTenant(admin, tenant.id)).wallet.version;

    const stale = await submit(tenant.id, { source_url: uniqueUrl() }, { ifMatch: version - 1 });
    const problem = expectProblem(stale, 412, 'precondition_failed') as { wallet?: { version: number } };
    expect(problem.wallet?.version).toBe(version);
    expect((await getTenant(admin, tenant.id)).wallet.version).toBe(version);

    const created = await submit(tenant.id, { source_url: uniqueUrl() }, { ifMatch: version });
    expect(created.status, created.text).toBe(201);
    const { workload, wallet } = WorkloadCreateResult.parse(created.body);
    expect(created.headers.get('etag')).toBe(`"${wallet.version}"`);

    expectProblem(
      await admin.post(`/v1/workloads/${workload.id}/cancel`, {}, { ifMatch: version }),
      412,
      'precondition_failed',
    );
    const cancelled = await admin.post(
      `/v1/workloads/${workload.id}/cancel`,
      {},
      { ifMatch: wallet.version },
    );
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(WorkloadCancelResult.parse(cancelled.body).workload.status).toBe('cancelled');

    const reconcile = (ifMatch: number) =>
      admin.post(`/v1/admin/workloads/${workload.id}/reconciliation`, { actual_credits: '0' }, { ifMatch });
    expectProblem(await reconcile(version), 412, 'precondition_failed');
    expect(
      ReconciliationResult.parse((await reconcile(wallet.version)).body).workload.reconciled_at,
    ).not.toBeNull();

    // Absent stays allowed: the header is optional on these routes.
    expect((await submit(tenant.id, { source_url: uniqueUrl() })).status).toBe(201);
    await expectLedgerInvariant(admin, tenant.id);
  });
});

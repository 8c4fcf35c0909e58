import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../main/core/api/api-client';
import { channelNames } from '../../../shared/ipc/contract';
import { newEndpoint, newTenant } from '../../sandbox/support/fixtures';
import { findLeaks, sweepCounts } from '../../support/token-sweep';
import { findTokens, type Harness, leaks, startHarness, tokensSeen } from '../support/core-harness';

/**
 * A full run through the core (every channel, successes, backend errors,
 * validation errors, a contract break, a dropped commit, a wrong token,
 * exports, a restart), then a search of every bridge response, event, log
 * line, journal line and exported file for any token the core ever held.
 * (Every other integration file runs the same search when its harness stops.)
 */
let h: Harness;
let breakContract = false;

beforeAll(async () => {
  h = await startHarness({
    wrapFetch:
      (inner): FetchLike =>
      async (input, init) => {
        const response = await inner(input, init);
        if (!breakContract) return response;
        // A backend that answers the wrong shape (and echoes the Authorization header in it).
        const request = input instanceof Request ? input : new Request(input, init);
        return new Response(JSON.stringify({ data: 'nope', echo: request.headers.get('authorization') }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      },
  });
});
afterAll(async () => {
  await h.stop();
});

describe('no token anywhere', () => {
  it('after a full run', async () => {
    const tenant = await newTenant(h.admin, { credits: '500' });
    await newEndpoint(h.admin, tenant.id, '1');
    const called = new Set<string>();
    const track = async (channel: (typeof channelNames)[number], args: unknown) => {
      called.add(channel);
      return h.core.dispatch(channel, args, { trusted: true, description: 'leak test' }).then((e) => {
        leaks.add(channel, e);
        return e;
      });
    };
    await track('app.version', {});
    await track('connection.listProfiles', {});
    await track('connection.status', {});
    await track('connection.check', {});
    await track('tenants.list', { limit: 5 });
    await track('tenants.get', { tenantId: tenant.id });
    await track('tenants.get', { tenantId: 'ten_missing' });
    await track('plans.list', {});
    await track('wallet.transactions', { tenantId: tenant.id, q: 'funding' });
    await track('wallet.exportCsv', { tenantId: tenant.id });
    const workloads = (await track('workloads.list', { tenantId: tenant.id })) as { ok: boolean };
    expect(workloads.ok).toBe(true);
    await track('workloads.get', { workloadId: 'wl_missing' });
    const endpoints = (await track('endpoints.list', { tenantId: tenant.id })) as {
      value: { data: { id: string }[] };
    };
    await track('endpoints.get', { endpointId: endpoints.value.data[0]?.id ?? 'x' });
    await track('admin.transactions', { tenantId: tenant.id });
    await track('admin.endpoints', {});
    await track('admin.workloads', { reconciled: false });
    await track('admin.audit', { limit: 10 });
    await track('settings.get', {});
    await track('settings.update', { confirmThreshold: '250' });

    // Mutations: a good one with a dropped answer, a backend refusal, a 412.
    const adjust = { tenantId: tenant.id, kind: 'top_up', amount: '5', reason: 'leak test' };
    const p1 = (await track('mutations.preview', { operation: 'wallet.adjust', payload: adjust })) as {
      value: { ticketId: string };
    };
    await h.admin.post('/sandbox/faults', {
      count: 1,
      drop_after_commit: true,
      method: 'POST',
      path_prefix: '/v1',
    });
    expect(await track('mutations.commit', { ticketId: p1.value.ticketId })).toMatchObject({ ok: true });
    await track('mutations.preview', {
      operation: 'wallet.replenish',
      payload: { tenantId: tenant.id, amount: '999999999999999' },
    });
    await track('mutations.preview', {
      operation: 'workload.reconcile',
      payload: { workloadId: 'wl_x', actualCredits: '1' },
    });
    await track('mutations.commit', { ticketId: 'tkt_forged' });
    await track('journal.list', {});
    await track('journal.export', {});

    // A backend answer that breaks the contract (and echoes the header).
    breakContract = true;
    const broken = await track('tenants.list', {});
    breakContract = false;
    expect(broken).toMatchObject({ ok: false, error: { code: 'contract_violation' } });

    // A wrong token, then the right one again.
    const wrong = `wrong-${Date.now()}-token`;
    tokensSeen.add(wrong);
    await track('connection.setToken', { profileId: 'local-sandbox', token: wrong });
    await track('connection.check', {});
    await track('connection.setToken', { profileId: 'local-sandbox', token: h.sandbox.adminToken });
    await track('connection.clearToken', { profileId: 'local-sandbox' });
    await track('connection.status', {});
    await track('connection.setToken', { profileId: 'local-sandbox', token: h.sandbox.adminToken });
    await track('connection.acknowledgeEnvironment', { profileId: 'local-sandbox' });
    const saved = (await track('connection.saveProfile', {
      name: 'Leak profile',
      baseUrl: 'https://backend.invalid',
      expectedKind: 'production',
      color: '#000000',
      allowInsecureHttp: false,
    })) as { value: { id: string } };
    await track('connection.activate', { profileId: saved.value.id });
    await track('connection.deleteProfile', { profileId: saved.value.id });
    await track('connection.activate', { profileId: 'local-sandbox' });

    // A restart over the same data.
    await h.restart().start();

    // Also a bare dispatch with junk, and channels with odd args.
    for (const channel of channelNames) {
      called.add(channel);
      leaks.add(
        channel,
        await h.core.dispatch(
          channel,
          { junk: h.sandbox.adminToken.slice(0, 3) },
          { trusted: true, description: 'x' },
        ),
      );
    }
    expect([...called].sort()).toEqual([...channelNames].sort());
    expect(h.logLines.length).toBeGreaterThan(0);
    expect(findTokens()).toEqual([]);
    // The whole-run sweep (test/support/token-sweep.setup.ts) saw this run too.
    expect(sweepCounts().outputs).toBeGreaterThan(called.size);
    expect(findLeaks()).toEqual([]);
  });

  it('the check can fail: a planted token is found', () => {
    const planted = [...tokensSeen][0] ?? '';
    leaks.add('planted', { note: `Bearer-less copy ${planted}` });
    expect(findTokens().length).toBeGreaterThan(0);
    leaks.texts.pop();
  });
});

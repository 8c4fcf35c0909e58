import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Me, PlanList, routes } from '../../shared/api';
import { type Client, expectProblem, sandboxClients } from './support/client';
import { newTenant, snapshot } from './support/fixtures';
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

describe('auth and roles', () => {
  it('GET /v1/me names the actor and the environment', async () => {
    const me = Me.parse((await admin.get('/v1/me')).body);
    expect(me.actor.role).toBe('admin');
    expect(me.environment.kind).toBe('sandbox');
    const res = await admin.get('/v1/me');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(Me.parse((await support.get('/v1/me')).body).actor.role).toBe('support');
  });

  it('no token or a bad token: 401 problem with WWW-Authenticate', async () => {
    const none = await admin.get('/v1/me', { token: null });
    expectProblem(none, 401, 'unauthenticated');
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expectProblem(await admin.get('/v1/tenants', { token: 'sandbox-admin-nope' }), 401, 'unauthenticated');
    expectProblem(
      await admin.get('/v1/me', { headers: { authorization: 'Basic c2FuZGJveC1hZG1pbg==' }, token: null }),
      401,
      'unauthenticated',
    );
  });

  it('support may GET every non-admin route; admin routes are 403 for support', async () => {
    expect((await support.get('/v1/plans')).status).toBe(200);
    expect(PlanList.parse((await support.get('/v1/plans')).body).data.length).toBeGreaterThan(0);
    expectProblem(await support.get('/v1/admin/transactions'), 403, 'forbidden');
    expectProblem(await support.get('/v1/admin/audit'), 403, 'forbidden');
    expectProblem(await support.post('/v1/admin/metering/ticks', {}), 403, 'forbidden');
    expectProblem(await support.get('/sandbox/clock'), 403, 'forbidden');
  });

  it('every route in the table enforces its roles', async () => {
    const tenant = await newTenant(admin);
    for (const route of Object.values(routes)) {
      const path = route.path
        .replace('{tenant_id}', tenant.id)
        .replace('{workload_id}', 'wl_999999')
        .replace('{endpoint_id}', 'ep_999999');
      const res = await support.request(route.method, path, {
        body: route.method === 'GET' ? undefined : {},
      });
      if ((route.roles as readonly string[]).includes('support')) expect(res.status, path).not.toBe(403);
      else expectProblem(res, 403, 'forbidden');
    }
  });
});

describe('bad input gets a problem and changes nothing', () => {
  it('malformed JSON is 400 malformed_json', async () => {
    const tenant = await newTenant(admin, { credits: '10' });
    const before = await snapshot(admin, tenant.id);
    const res = await admin.request('POST', `/v1/admin/tenants/${tenant.id}/wallet/adjustments`, {
      rawBody: '{"kind": "top_up", "amount": ',
      headers: { 'content-type': 'application/json' },
      ifMatch: tenant.wallet.version,
    });
    expectProblem(res, 400, 'malformed_json');
    expectProblem(
      await admin.request('POST', `/v1/admin/tenants/${tenant.id}/wallet/adjustments`, {
        rawBody: '{"__proto__": {"x": 1}}',
        headers: { 'content-type': 'application/json' },
        ifMatch: tenant.wallet.version,
      }),
      400,
      'malformed_json',
    );
    expect(await snapshot(admin, tenant.id)).toBe(before);
  });

  it('bodies over 1 MiB are 413', async () => {
    const tenant = await newTenant(admin);
    const reason = 'x'.repeat(1_100_000);
    const res = await admin.post(
      `/v1/admin/tenants/${tenant.id}/wallet/adjustments`,
      { kind: 'top_up', amount: '1', reason },
      { ifMatch: tenant.wallet.version },
    );
    expectProblem(res, 413, 'payload_too_large');
  });

  it('non-JSON bodies are 415', async () => {
    const tenant = await newTenant(admin);
    const res = await admin.request('POST', `/v1/admin/tenants/${tenant.id}/wallet/adjustments`, {
      rawBody: 'kind=top_up&amount=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      ifMatch: tenant.wallet.version,
    });
    expectProblem(res, 415, 'unsupported_media_type');
  });

  it('unknown ids and routes are 404', async () => {
    expectProblem(await admin.get('/v1/tenants/ten_999999'), 404, 'not_found');
    expectProblem(await admin.get('/v1/tenants/not-an-id'), 404, 'not_found');
    expectProblem(await admin.get('/v1/tenants/wl_000001'), 404, 'not_found');
    expectProblem(await admin.get('/v1/workloads/wl_424242'), 404, 'not_found');
    expectProblem(await admin.get('/v1/endpoints/ep_424242'), 404, 'not_found');
    expectProblem(await admin.get('/v1/nope'), 404, 'not_found');
    expectProblem(await admin.get(`/v1/tenants/${'9'.repeat(400)}`), 404, 'not_found');
    expectProblem(
      await admin.post(
        '/v1/admin/tenants/ten_999999/wallet/adjustments',
        { kind: 'top_up', amount: '1', reason: 'r' },
        { ifMatch: 0 },
      ),
      404,
      'not_found',
    );
  });

  it('validation failures are 422 with errors[] naming every field', async () => {
    const tenant = await newTenant(admin);
    const before = await snapshot(admin, tenant.id);
    const res = await admin.post(
      `/v1/admin/tenants/${tenant.id}/wallet/adjustments`,
      { kind: 'gift', amount: '1e3', reason: '   ', extra: true },
      { ifMatch: tenant.wallet.version },
    );
    const problem = expectProblem(res, 422, 'validation_failed');
    const fields = (problem.errors ?? []).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['kind', 'amount', 'reason']));
    expect(problem.errors?.find((e) => e.field === 'amount')?.message).toMatch(/exponent/);
    const query = expectProblem(await admin.get('/v1/tenants?limit=0'), 422, 'validation_failed');
    expect(query.errors?.[0]?.field).toBe('limit');
    expectProblem(await admin.get('/v1/tenants?limit=501'), 422, 'validation_failed');
    expectProblem(await admin.get('/v1/tenants?limit=abc'), 422, 'validation_failed');
    expectProblem(await admin.get('/v1/tenants?status=deleted'), 422, 'validation_failed');
    expectProblem(
      await admin.get(`/v1/tenants/${tenant.id}/transactions?since=yesterday`),
      422,
      'validation_failed',
    );
    expectProblem(await admin.get('/v1/tenants?limit=1&limit=2'), 422, 'validation_failed');
    expectProblem(await admin.get('/v1/tenants?cursor=garbage'), 400, 'invalid_cursor');
    const forged = Buffer.from(JSON.stringify({ l: 'transactions', k: ['99999999999999999999'] })).toString(
      'base64url',
    );
    expectProblem(await admin.get(`/v1/admin/transactions?cursor=${forged}`), 400, 'invalid_cursor');
    const huge = Buffer.from(JSON.stringify({ l: 'transactions', k: ['9999999999999999999'] })).toString(
      'base64url',
    );
    expectProblem(await admin.get(`/v1/admin/transactions?cursor=${huge}`), 400, 'invalid_cursor');
    expectProblem(await admin.get('/v1/admin/transactions?after_seq=1e309'), 422, 'validation_failed');
    expectProblem(
      await admin.get('/v1/admin/transactions?since=2026-13-45T00:00:00Z'),
      422,
      'validation_failed',
    );
    expect((await admin.get('/v1/admin/transactions?tenant_id=ten_99999999999999999999')).status).toBe(200);
    expect(await snapshot(admin, tenant.id)).toBe(before);
  });

  it('a fuzz of hostile bodies never produces a 5xx or a write', async () => {
    const tenant = await newTenant(admin, { credits: '50' });
    const before = await snapshot(admin, tenant.id);
    const bodies: unknown[] = [
      null,
      [],
      'string',
      42,
      { kind: null },
      { kind: 'top_up', amount: 5, reason: 'number amount' },
      { kind: 'top_up', amount: '-5', reason: 'negative top-up' },
      { kind: 'adjustment', amount: '0', reason: 'zero' },
      { kind: 'adjustment', amount: '1', reason: 'r'.repeat(501) },
      { kind: 'top_up', amount: '1.23456', reason: 'precision' },
      { kind: 'top_up', amount: '100000000000000', reason: 'too big' },
      { kind: 'top_up', amount: { value: '1' }, reason: 'object' },
      { kind: 'top_up', amount: '1', reason: ['array'] },
      { kind: 'top_up', amount: '1', reason: '\u0000', nested: { deep: [1, 2, { a: 'b' }] } },
    ];
    for (const body of bodies) {
      const res = await admin.request('POST', `/v1/admin/tenants/${tenant.id}/wallet/adjustments`, {
        rawBody: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
        ifMatch: tenant.wallet.version,
      });
      expect(res.status, `${JSON.stringify(body)} → ${res.text}`).toBeGreaterThanOrEqual(400);
      expect(res.status, res.text).toBeLessThan(500);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
    const workloadBodies: unknown[] = [
      { source_url: 'http://example.com/a.py' },
      { source_url: 'https://example.com/a.txt' },
      { source_url: 'https://example.com/a.py.zip' },
      { source_url: 'not a url' },
      { source_url: 'javascript:alert(1)//.py' },
      { source_url: 'https://example.com/a.py', name: 5 },
      {},
    ];
    for (const body of workloadBodies) {
      const res = await admin.post(`/v1/tenants/${tenant.id}/workloads`, body);
      expectProblem(res, 422, 'validation_failed');
    }
    expect(await snapshot(admin, tenant.id)).toBe(before);
    expect((await admin.get('/healthz')).status).toBe(200);
  });

  it('junk in every query parameter and path id of every route never produces a 5xx', async () => {
    const tenant = await newTenant(admin, { credits: '5' });
    const junk = ['', '%00', '-1', '9'.repeat(30), 'true', '%F0%9F%92%A5', "' OR 1=1 --", '1e309'];
    const requests: { method: string; url: string; ifMatch: boolean }[] = [];
    for (const route of Object.values(routes)) {
      const fields = route.query ? Object.keys(route.query.shape) : [];
      for (const id of [tenant.id, "x'; DROP TABLE tenants; --"]) {
        const path = route.path
          .replace('{tenant_id}', id)
          .replace('{workload_id}', id.replace('ten_', 'wl_'))
          .replace('{endpoint_id}', id.replace('ten_', 'ep_'));
        requests.push({ method: route.method, url: path, ifMatch: route.ifMatch !== 'never' });
        for (const field of fields) {
          for (const value of junk)
            requests.push({
              method: route.method,
              url: `${path}?${field}=${value}`,
              ifMatch: route.ifMatch !== 'never',
            });
        }
      }
    }
    // Sixteen at a time: the point is coverage, not pacing.
    for (let i = 0; i < requests.length; i += 16) {
      await Promise.all(
        requests.slice(i, i + 16).map(async ({ method, url, ifMatch }) => {
          const res = await admin.request(method, url, {
            body: method === 'GET' ? undefined : {},
            ...(ifMatch ? { ifMatch: 0 } : {}),
          });
          expect(res.status, `${method} ${url} → ${res.text}`).toBeLessThan(500);
        }),
      );
    }
    expect(requests.length).toBeGreaterThan(500);
    expect((await admin.get(`/v1/tenants/${tenant.id}`)).status).toBe(200);
  });

  it('a balance can never overflow: the largest amounts are refused once the range would be exceeded', async () => {
    const tenant = await newTenant(admin);
    const huge = { kind: 'top_up', amount: '99999999999999.9999', reason: 'max' };
    expect(
      (await admin.post(`/v1/admin/tenants/${tenant.id}/wallet/adjustments`, huge, { ifMatch: 0 })).status,
    ).toBe(201);
    const second = await admin.post(`/v1/admin/tenants/${tenant.id}/wallet/adjustments`, huge, {
      ifMatch: 1,
    });
    expectProblem(second, 422, 'validation_failed');
    const tenantAfter = await admin.get<{ wallet: { balance: string } }>(`/v1/tenants/${tenant.id}`);
    expect(tenantAfter.body.wallet.balance).toBe('99999999999999.9999');
  });
});

import { describe, expect, it } from 'vitest';
import { ApiClient, type FetchLike } from '../../../main/core/api/api-client';
import { OperatorFailure, toOperatorError } from '../../../main/core/errors/normalize';
import { ManualClock } from '../support/core-harness';

const me = {
  actor: { id: 'u1', name: 'Ada', role: 'admin' },
  environment: { name: 'Local', kind: 'sandbox' },
};
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  new Response(
    JSON.stringify({
      type: `https://docs.modelmachines.ai/problems/${code}`,
      title: code,
      status,
      detail: `detail of ${code}`,
      code,
      ...extra,
    }),
    { status, headers: { 'content-type': 'application/problem+json' } },
  );

function setup(answers: (Response | Error | 'hang')[], options: { timeoutMs?: number } = {}) {
  const requests: Request[] = [];
  const slept: number[] = [];
  const clock = new ManualClock(Date.parse('2026-03-01T12:00:00Z'));
  const fetch: FetchLike = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request);
    const next = answers.shift();
    if (next === undefined) throw new Error('no more answers');
    if (next === 'hang') {
      return new Promise<Response>((_resolve, reject) =>
        request.signal.addEventListener('abort', () => reject(request.signal.reason)),
      );
    }
    if (next instanceof Error) throw next;
    return next;
  };
  const client = new ApiClient({
    baseUrl: 'https://api.example.com',
    token: () => 'tok-secret-123',
    timeoutMs: () => options.timeoutMs ?? 10_000,
    clock,
    sleep: async (ms) => {
      slept.push(ms);
    },
    fetch,
  });
  return { client, requests, slept, clock };
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return toOperatorError(error);
  }
  throw new Error('expected a failure');
}

describe('the API client', () => {
  it('builds the URL from the route table and injects Authorization', async () => {
    const { client, requests } = setup([json(200, { data: [], next_cursor: null })]);
    await client.get('listTenantTransactions', {
      params: { tenant_id: 'ten/../1' },
      query: { type: 'top_up', limit: 5, cursor: undefined },
    });
    expect(requests[0]?.url).toBe(
      'https://api.example.com/v1/tenants/ten%2F..%2F1/transactions?type=top_up&limit=5',
    );
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer tok-secret-123');
  });

  it('retries GETs on 503 honouring Retry-After (seconds and HTTP date), then succeeds', async () => {
    const { client, slept, clock } = setup([
      problem(503, 'injected_fault'),
      new Response('busy', { status: 429, headers: { 'retry-after': '3' } }),
      new Response('busy', {
        status: 503,
        headers: { 'retry-after': new Date(Date.parse('2026-03-01T12:00:07Z')).toUTCString() },
      }),
      json(200, me),
    ]);
    void clock;
    const answer = await client.get('getMe');
    expect(answer.data.actor.name).toBe('Ada');
    expect(slept).toEqual([250, 3000, 7000]);
  });

  it('backs off exponentially on network errors and gives up after four attempts', async () => {
    const { client, slept, requests } = setup([
      new TypeError('fetch failed'),
      new TypeError('fetch failed'),
      new TypeError('fetch failed'),
      new TypeError('fetch failed: connect ECONNREFUSED 10.0.0.1:443'),
    ]);
    const error = await failure(client.get('getMe'));
    expect(error).toMatchObject({ code: 'unreachable', retryable: true });
    expect(error.message).not.toContain('ECONNREFUSED');
    expect(requests).toHaveLength(4);
    expect(slept).toEqual([250, 500, 1000]);
  });

  it('does not wait for a Retry-After longer than its cap', async () => {
    const { client, slept } = setup([new Response('', { status: 429, headers: { 'retry-after': '3600' } })]);
    expect(await failure(client.get('getMe'))).toMatchObject({
      code: 'http_429',
      status: 429,
      retryable: true,
    });
    expect(slept).toEqual([]);
  });

  it('never retries a mutation by itself', async () => {
    const { client, requests } = setup([problem(503, 'injected_fault')]);
    await failure(client.mutate('createMeteringTick', { body: {}, idempotencyKey: 'k1' }));
    expect(requests).toHaveLength(1);
  });

  it('does not retry 4xx answers and maps problem+json, fields in camelCase', async () => {
    const { client, requests } = setup([
      problem(422, 'validation_failed', {
        errors: [{ field: 'monthly_credits', message: 'must be greater than 0' }],
      }),
    ]);
    const error = await failure(client.get('getMe'));
    expect(error).toEqual({
      code: 'validation_failed',
      message: 'detail of validation_failed',
      status: 422,
      fields: [{ field: 'monthlyCredits', message: 'must be greater than 0' }],
      retryable: false,
    });
    expect(requests).toHaveLength(1);
  });

  it('puts the current wallet of a 412 in error.current', async () => {
    const wallet = { balance: '10', reserved: '0', version: 4 };
    const { client } = setup([problem(412, 'precondition_failed', { wallet })]);
    const error = await failure(
      client.mutate('createWalletAdjustment', {
        params: { tenant_id: 't' },
        body: {},
        idempotencyKey: 'k',
        ifMatchVersion: 3,
      }),
    );
    expect(error).toMatchObject({ code: 'precondition_failed', status: 412, current: { wallet } });
  });

  it('sends If-Match and Idempotency-Key as the contract spells them', async () => {
    const { client, requests } = setup([problem(412, 'precondition_failed')]);
    await failure(
      client.mutate('createWalletAdjustment', {
        params: { tenant_id: 't' },
        body: {},
        idempotencyKey: 'op-1',
        ifMatchVersion: 3,
      }),
    );
    expect(requests[0]?.headers.get('if-match')).toBe('"3"');
    expect(requests[0]?.headers.get('idempotency-key')).toBe('op-1');
  });

  it('reports a response that breaks the contract as a readable error, not a crash', async () => {
    const { client } = setup([json(200, { actor: { id: 'u1' }, environment: { kind: 'moon' } })]);
    const error = await failure(client.get('getMe'));
    expect(error.code).toBe('contract_violation');
    expect(error.message).toContain('GET /v1/me');
    expect(error.message).toContain('actor.name');
  });

  it('reports a non-JSON success body as a contract break and an HTML error page by status only', async () => {
    const { client } = setup([
      new Response('<html>ok</html>', { status: 200 }),
      new Response('<h1>Bad gateway</h1>', { status: 400 }),
    ]);
    expect((await failure(client.get('getMe'))).code).toBe('contract_violation');
    const error = await failure(client.get('getMe'));
    expect(error).toMatchObject({ code: 'http_400', status: 400 });
    expect(error.message).not.toContain('<h1>');
  });

  it('times out with the configured limit and retries the GET', async () => {
    const { client, requests } = setup(['hang', json(200, me)], { timeoutMs: 20 });
    const answer = await client.get('getMe');
    expect(answer.status).toBe(200);
    expect(requests).toHaveLength(2);
  });

  it('a timeout that persists is "timeout", retryable', async () => {
    const { client } = setup(['hang'], { timeoutMs: 20 });
    expect(
      await failure(client.mutate('createMeteringTick', { body: {}, idempotencyKey: 'k' })),
    ).toMatchObject({
      code: 'timeout',
      retryable: true,
    });
  });

  it('refuses to send without a token', async () => {
    const client = new ApiClient({
      baseUrl: 'https://api.example.com',
      token: () => null,
      timeoutMs: () => 1000,
      clock: new ManualClock(),
      sleep: async () => {},
      fetch: async () => {
        throw new Error('must not be called');
      },
    });
    await expect(client.get('getMe')).rejects.toBeInstanceOf(OperatorFailure);
  });
});

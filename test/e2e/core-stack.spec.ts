import { expect, test } from '@playwright/test';
import type { OperatorApi } from '../../shared/ipc/facade';
import { type Stack, startStack } from './support/stack';

// Page functions run in the browser; this file is type-checked without the DOM.
type PageGlobals = { operator: OperatorApi; __events: { state: string }[] };

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({ seed: 'demo' });
});

test.afterAll(async () => {
  await stack?.stop();
});

test('the browser reaches the real core, which reaches the real sandbox, with the token held in main', async ({
  page,
}) => {
  await page.goto(stack.loginUrl);
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    g.__events = [];
    g.operator.events.on('connection.changed', (payload) => g.__events.push(payload));
  });
  const result = await page.evaluate(async () => {
    const g = globalThis as unknown as PageGlobals;
    return {
      status: await g.operator.connection.check(),
      tenants: await g.operator.tenants.list({ limit: 5 }),
    };
  });
  expect(result.status).toMatchObject({ ok: true, value: { state: 'connected', canWrite: true } });
  expect(result.tenants).toMatchObject({ ok: true });
  // The check publishes "checking" then "connected" over Server-Sent Events.
  await expect
    .poll(() => page.evaluate(() => (globalThis as unknown as PageGlobals).__events.map((e) => e.state)))
    .toContain('connected');
  const events = await page.evaluate(() => (globalThis as unknown as PageGlobals).__events);
  expect(JSON.stringify({ result, events })).not.toContain(stack.adminToken);
});

test('a commit through the browser: preview, commit, journal; no token in any bridge response, event or log line', async ({
  page,
}) => {
  const bodies: string[] = [];
  page.on('response', async (response) => {
    if (response.url().includes('/__bridge/invoke/')) bodies.push(await response.text());
  });
  await page.goto(stack.loginUrl);
  const tenants = (await stack.sandboxRequest('GET', '/v1/tenants?status=active&limit=1')).body as {
    data: { id: string }[];
  };
  const tenantId = tenants.data[0]?.id ?? '';
  const outcome = await page.evaluate(async (id) => {
    const g = globalThis as unknown as PageGlobals;
    const progress: unknown[] = [];
    g.operator.events.on('mutations.progress', (payload) => progress.push(payload));
    const preview = await g.operator.mutations.preview({
      operation: 'wallet.adjust',
      payload: { tenantId: id, kind: 'top_up', amount: '1.25', reason: 'e2e core' },
    });
    if (!preview.ok) return { preview };
    const commit = await g.operator.mutations.commit({ ticketId: preview.value.ticketId });
    const again = await g.operator.mutations.commit({ ticketId: preview.value.ticketId });
    const journal = await g.operator.journal.list({ limit: 5 });
    return { preview, commit, again, journal, progress };
  }, tenantId);
  expect(outcome.commit, JSON.stringify(outcome)).toMatchObject({
    ok: true,
    value: { outcome: 'committed' },
  });
  expect(outcome.again).toMatchObject({ ok: false, error: { code: 'ticket_used' } });
  expect(outcome.journal).toMatchObject({ ok: true });

  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const log = readFileSync(join(stack.dataDir, 'main.log'), 'utf8');
  const journal = readFileSync(join(stack.dataDir, 'journal', 'local-sandbox.jsonl'), 'utf8');
  expect(log.length).toBeGreaterThan(0);
  for (const token of [stack.adminToken, stack.supportToken]) {
    for (const text of [...bodies, JSON.stringify(outcome), log, journal]) expect(text).not.toContain(token);
  }
});

test('with the session cookie but a foreign Origin, calls and the event stream are refused', async ({
  browser,
}) => {
  const login = await fetch(stack.loginUrl, { redirect: 'manual' });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect(cookie).toMatch(/^operator_webhost=/);
  const evil = { cookie, origin: 'https://evil.example' };
  expect((await fetch(`${stack.appUrl}/__bridge/events`, { headers: evil })).status).toBe(403);
  const call = await fetch(`${stack.appUrl}/__bridge/invoke/tenants.list`, {
    method: 'POST',
    headers: { ...evil, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(await call.json()).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
  // And without the cookie, nothing at all.
  const stranger = await browser.newContext();
  const page = await stranger.newPage();
  expect((await page.goto(`${stack.appUrl}/__bridge/events`))?.status()).toBe(401);
  await stranger.close();
});

test('advanceClock and sandboxRequest drive the sandbox directly', async () => {
  const before = (await stack.sandboxRequest('GET', '/sandbox/clock')).body as { now: string };
  const after = await stack.advanceClock(3600);
  expect(Date.parse(after) - Date.parse(before.now)).toBe(3600_000);
});

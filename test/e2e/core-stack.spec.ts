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

test('advanceClock and sandboxRequest drive the sandbox directly', async () => {
  const before = (await stack.sandboxRequest('GET', '/sandbox/clock')).body as { now: string };
  const after = await stack.advanceClock(3600);
  expect(Date.parse(after) - Date.parse(before.now)).toBe(3600_000);
});

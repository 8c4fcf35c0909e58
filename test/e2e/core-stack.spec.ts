import { expect, test } from '@playwright/test';
import { type Stack, startStack } from './support/stack';

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
    const sink: unknown[] = [];
    Object.assign(window, { __events: sink });
    window.operator?.events.on('connection.changed', (payload) => sink.push(payload));
  });
  const result = await page.evaluate(async () => ({
    status: await window.operator?.connection.check(),
    tenants: await window.operator?.tenants.list({ limit: 5 }),
  }));
  expect(result.status).toMatchObject({ ok: true, value: { state: 'connected', canWrite: true } });
  expect(result.tenants).toMatchObject({ ok: true });
  // The check publishes "checking" then "connected" over Server-Sent Events.
  await expect
    .poll(() =>
      page.evaluate(() =>
        (window as unknown as { __events: { state: string }[] }).__events.map((e) => e.state),
      ),
    )
    .toContain('connected');
  const events = await page.evaluate(() => (window as unknown as { __events: unknown[] }).__events);
  const everything = JSON.stringify({ result, events });
  expect(everything).not.toContain(stack.adminToken);
});

test('advanceClock and sandboxRequest drive the sandbox directly', async () => {
  const before = (await stack.sandboxRequest('GET', '/sandbox/clock')).body as { now: string };
  const after = await stack.advanceClock(3600);
  expect(Date.parse(after) - Date.parse(before.now)).toBe(3600_000);
});

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tenant } from '../../../shared/api';
import { newTenant } from '../../sandbox/support/fixtures';
import { type Harness, startHarness } from '../support/core-harness';

let h: Harness;
let tenant: Tenant;

beforeAll(async () => {
  h = await startHarness();
  tenant = await newTenant(h.admin, { credits: '100' });
  // A history to search and export: ten top-ups, every third with "refund" in its reason.
  let version = (await h.value('tenants.get', { tenantId: tenant.id })).wallet.version;
  for (let i = 0; i < 10; i += 1) {
    await h.admin.post(
      `/v1/admin/tenants/${tenant.id}/wallet/adjustments`,
      { kind: 'top_up', amount: `${i + 1}`, reason: i % 3 === 0 ? `Refund #${i}` : `=cmd|' /C calc'!A${i}` },
      { ifMatch: version },
    );
    version += 1;
  }
});
afterAll(async () => {
  await h.stop();
});

describe('a commit with no definite answer', () => {
  it('says so, journals "unknown", and the next connection check resolves it once', async () => {
    const preview = await h.value('mutations.preview', {
      operation: 'wallet.adjust',
      payload: { tenantId: tenant.id, kind: 'top_up', amount: '9', reason: 'unknown outcome test' },
    });
    // Every POST fails with 503 before the backend does anything, more often than the core retries.
    await h.admin.post('/sandbox/faults', {
      count: 5,
      error_status: 503,
      method: 'POST',
      path_prefix: '/v1',
    });
    const progressBefore = h.events.filter((e) => e.name === 'mutations.progress').length;

    const result = await h.call('mutations.commit', { ticketId: preview.ticketId });

    expect(result).toMatchObject({ ok: false, error: { code: 'outcome_unknown' } });
    const progress = h.events.filter((e) => e.name === 'mutations.progress').slice(progressBefore);
    expect(progress.map((e) => (e.payload as { state: string }).state)).toEqual([
      'sending',
      'retrying',
      'retrying',
      'retrying',
      'retrying',
    ]);
    const { entries } = await h.value('journal.list', { limit: 2 });
    expect(entries.map((e) => `${e.phase}:${e.outcome}`)).toEqual(['result:unknown', 'attempt:pending']);
    const key = entries[0]?.idempotencyKey ?? '';

    await h.value('connection.check');

    const after = await h.value('journal.list', { limit: 1 });
    expect(after.entries[0]).toMatchObject({ idempotencyKey: key, phase: 'result', outcome: 'committed' });
    const txs = await h.admin.get<{ data: { idempotency_key: string | null }[] }>(
      `/v1/tenants/${tenant.id}/transactions?limit=500`,
    );
    expect(txs.body.data.filter((t) => t.idempotency_key === key)).toHaveLength(1);
  });
});

describe('reads', () => {
  it('wallet.transactions searches id and reason in main, paging without skipping rows', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await h.value('wallet.transactions', {
        tenantId: tenant.id,
        q: 'refund',
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.data.map((t) => t.reason));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(['Refund #0', 'Refund #3', 'Refund #6', 'Refund #9']);
  });

  it('wallet.exportCsv writes exactly the current filter to the save location, formulas neutralised', async () => {
    const saved = await h.value('wallet.exportCsv', { tenantId: tenant.id, type: 'top_up' });
    expect(saved.saved).toBe(true);
    const lines = readFileSync(saved.path ?? '', 'utf8')
      .trim()
      .split('\r\n');
    const topUps = (await h.value('wallet.transactions', { tenantId: tenant.id, type: 'top_up', limit: 500 }))
      .data;
    expect(lines.length - 1).toBe(topUps.length);
    expect(saved.rows).toBe(topUps.length);
    expect(lines.some((l) => l.includes(`"'=cmd|' /C calc'!A1"`) || l.includes(`'=cmd|' /C calc'!A1`))).toBe(
      true,
    );
    expect(lines.some((l) => /,=cmd/.test(l))).toBe(false);
  });

  it('backend errors arrive in the one error shape, with the field names the bridge uses', async () => {
    expect(await h.call('tenants.get', { tenantId: 'ten_does_not_exist' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', status: 404, retryable: false },
    });
    const preview = await h.call('mutations.preview', {
      operation: 'subscription.set',
      payload: {
        tenantId: tenant.id,
        plan: 'no-such-plan',
        monthlyCredits: '10',
        activate: false,
        issueFirstMonth: false,
      },
    });
    expect(preview).toMatchObject({ ok: false, error: { code: 'unknown_plan', status: 422 } });
  });
});

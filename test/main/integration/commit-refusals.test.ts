import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICKET_LIFETIME_MS } from '../../../main/core/mutations/ticket-book';
import type { Tenant } from '../../../shared/api';
import { getTenant, newTenant, snapshot } from '../../sandbox/support/fixtures';
import { type Harness, startHarness } from '../support/core-harness';

let h: Harness;
let tenant: Tenant;

beforeAll(async () => {
  h = await startHarness();
  tenant = await newTenant(h.admin, { credits: '1000' });
});
afterAll(async () => {
  await h.stop();
});

const topUp = (amount = '5') => ({
  operation: 'wallet.adjust' as const,
  payload: { tenantId: tenant.id, kind: 'top_up' as const, amount, reason: 'refusal test' },
});

/** Runs fn and returns how many requests the core sent meanwhile. */
async function requestsDuring(fn: () => Promise<unknown>): Promise<number> {
  const before = h.sent.length;
  await fn();
  return h.sent.length - before;
}

describe('commit tickets: refused with nothing sent', () => {
  it('no ticket (unknown id)', async () => {
    let result: unknown;
    expect(
      await requestsDuring(
        async () => (result = await h.call('mutations.commit', { ticketId: 'tkt_forged' })),
      ),
    ).toBe(0);
    expect(result).toMatchObject({ ok: false, error: { code: 'ticket_missing' } });
  });

  it('a reused ticket', async () => {
    const preview = await h.value('mutations.preview', topUp());
    await h.value('mutations.commit', { ticketId: preview.ticketId });
    const before = await snapshot(h.admin, tenant.id);
    let result: unknown;
    expect(
      await requestsDuring(
        async () => (result = await h.call('mutations.commit', { ticketId: preview.ticketId })),
      ),
    ).toBe(0);
    expect(result).toMatchObject({ ok: false, error: { code: 'ticket_used' } });
    expect(await snapshot(h.admin, tenant.id)).toBe(before);
  });

  it('an expired ticket (five minutes on the injected clock)', async () => {
    const preview = await h.value('mutations.preview', topUp());
    h.clock.advance(TICKET_LIFETIME_MS);
    let result: unknown;
    expect(
      await requestsDuring(
        async () => (result = await h.call('mutations.commit', { ticketId: preview.ticketId })),
      ),
    ).toBe(0);
    expect(result).toMatchObject({ ok: false, error: { code: 'ticket_expired' } });
  });

  it('a ticket one millisecond before expiry still commits', async () => {
    const preview = await h.value('mutations.preview', topUp());
    h.clock.advance(TICKET_LIFETIME_MS - 1);
    expect(await h.call('mutations.commit', { ticketId: preview.ticketId })).toMatchObject({ ok: true });
  });

  it('a changed payload or operation', async () => {
    const preview = await h.value('mutations.preview', topUp('5'));
    let result: unknown;
    const changed = { ...topUp('5000').payload };
    expect(
      await requestsDuring(
        async () =>
          (result = await h.call('mutations.commit', { ticketId: preview.ticketId, payload: changed })),
      ),
    ).toBe(0);
    expect(result).toMatchObject({ ok: false, error: { code: 'ticket_mismatch' } });
    // The refused ticket is spent: it cannot be retried with the original payload either.
    expect(await h.call('mutations.commit', { ticketId: preview.ticketId })).toMatchObject({
      ok: false,
      error: { code: 'ticket_used' },
    });

    const second = await h.value('mutations.preview', topUp('5'));
    expect(
      await requestsDuring(
        async () =>
          (result = await h.call('mutations.commit', {
            ticketId: second.ticketId,
            operation: 'metering.tick',
          })),
      ),
    ).toBe(0);
    expect(result).toMatchObject({ ok: false, error: { code: 'ticket_mismatch' } });
  });

  it('the same payload repeated (keys in another order) is accepted', async () => {
    const preview = await h.value('mutations.preview', topUp('7'));
    const { reason, amount, kind, tenantId } = topUp('7').payload;
    expect(
      await h.call('mutations.commit', {
        ticketId: preview.ticketId,
        payload: { reason, amount, kind, tenantId },
      }),
    ).toMatchObject({ ok: true });
  });

  it('invalid values are refused by main before any request', async () => {
    let result: unknown;
    expect(
      await requestsDuring(
        async () =>
          (result = await h.call('mutations.preview', {
            operation: 'wallet.adjust',
            payload: { tenantId: tenant.id, kind: 'top_up', amount: '-5', reason: ' ' },
          })),
      ),
    ).toBe(0);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
    const fields = (result as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['amount', 'reason']));
  });
});

describe('stale wallet between preview and commit', () => {
  it('If-Match route: "changed since preview" with the new balance, nothing written', async () => {
    const preview = await h.value('mutations.preview', topUp('11'));
    // Someone else changes the wallet meanwhile.
    const current = await getTenant(h.admin, tenant.id);
    await h.admin.post(
      `/v1/admin/tenants/${tenant.id}/wallet/adjustments`,
      { kind: 'adjustment', amount: '-3', reason: 'elsewhere' },
      { ifMatch: current.wallet.version },
    );
    const changed = await getTenant(h.admin, tenant.id);
    const before = await snapshot(h.admin, tenant.id);

    const result = await h.call('mutations.commit', { ticketId: preview.ticketId });

    expect(result).toMatchObject({
      ok: false,
      error: { code: 'changed_since_preview', current: { wallet: { balance: changed.wallet.balance } } },
    });
    expect((result as { error: { message: string } }).error.message).toContain(changed.wallet.balance);
    expect(await snapshot(h.admin, tenant.id)).toBe(before);
    const { entries } = await h.value('journal.list', { limit: 1 });
    expect(entries[0]).toMatchObject({
      phase: 'result',
      outcome: 'failed',
      error: { code: 'changed_since_preview' },
    });
  });

  it('optional If-Match route (workload create): the write is bound to the previewed version, the backend refuses it atomically, nothing is written', async () => {
    const preview = await h.value('mutations.preview', {
      operation: 'workload.create',
      payload: { tenantId: tenant.id, sourceUrl: 'https://github.com/acme/m/blob/main/a.py' },
    });
    const current = await getTenant(h.admin, tenant.id);
    await h.admin.post(
      `/v1/admin/tenants/${tenant.id}/wallet/adjustments`,
      { kind: 'top_up', amount: '1', reason: 'elsewhere' },
      { ifMatch: current.wallet.version },
    );
    const changed = await getTenant(h.admin, tenant.id);
    const before = await snapshot(h.admin, tenant.id);
    const sentBefore = h.sent.length;
    const result = await h.call('mutations.commit', { ticketId: preview.ticketId });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'changed_since_preview', current: { wallet: { version: changed.wallet.version } } },
    });
    // One write went out, carrying the previewed version; no separate read-then-write window.
    const sent = h.sent.slice(sentBefore);
    expect(sent.map((r) => r.method)).toEqual(['POST']);
    expect(sent[0]?.headers['if-match']).toBe(`"${current.wallet.version}"`);
    expect(await snapshot(h.admin, tenant.id)).toBe(before);
  });
});

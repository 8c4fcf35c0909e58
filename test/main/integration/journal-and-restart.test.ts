import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../../main/core/api/api-client';
import type { Tenant } from '../../../shared/api';
import { newTenant } from '../../sandbox/support/fixtures';
import { type Harness, startHarness } from '../support/core-harness';

let h: Harness;
let tenant: Tenant;
/** For each commit request: was its key already on disk in the journal when it went out? */
const keyOnDiskWhenSent: boolean[] = [];
let journalFile = '';

beforeAll(async () => {
  h = await startHarness({
    wrapFetch: (inner) => async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      const key = request.headers.get('idempotency-key');
      if (key?.startsWith('op-')) {
        let text = '';
        try {
          text = readFileSync(journalFile, 'utf8');
        } catch {
          text = '';
        }
        keyOnDiskWhenSent.push(text.includes(key));
      }
      return inner(request);
    },
  });
  journalFile = join(h.dataDir, 'journal', 'local-sandbox.jsonl');
  tenant = await newTenant(h.admin, { credits: '100' });
});
afterAll(async () => {
  await h.stop();
});

const topUp = (amount: string) => ({
  operation: 'wallet.adjust' as const,
  payload: { tenantId: tenant.id, kind: 'top_up' as const, amount, reason: 'journal test' },
});

describe('the operator journal', () => {
  it('has the idempotency key on disk before the request goes out, and the result before commit returns', async () => {
    const preview = await h.value('mutations.preview', topUp('3'));
    const result = await h.value('mutations.commit', { ticketId: preview.ticketId });
    expect(keyOnDiskWhenSent).toEqual([true]);
    const lines = readFileSync(journalFile, 'utf8').trim().split('\n');
    expect(lines.length).toBe(2);
    const last = JSON.parse(lines[1] ?? '{}') as { id: string; outcome: string; transactionIds: string[] };
    expect(last).toMatchObject({
      id: result.journalId,
      outcome: 'committed',
      transactionIds: result.transactionIds,
    });
  });

  it('lists newest first with a cursor, and exports to the save location', async () => {
    const first = await h.value('journal.list', { limit: 1 });
    expect(first.entries[0]?.phase).toBe('result');
    expect(first.next).not.toBeNull();
    const second = await h.value('journal.list', { limit: 1, before: first.next ?? '' });
    expect(second.entries[0]?.phase).toBe('attempt');
    expect(second.entries[0]).not.toHaveProperty('request');

    const exported = await h.value('journal.export');
    expect(exported).toMatchObject({ saved: true, rows: 2 });
    const text = readFileSync(exported.path ?? '', 'utf8');
    expect(text.trim().split('\n')).toHaveLength(2);
  });

  it('a torn last line (crash mid-write) is skipped, not fatal', async () => {
    const { appendFileSync } = await import('node:fs');
    appendFileSync(journalFile, '{"id":"j_torn","at":"2026');
    const list = await h.value('journal.list', { limit: 10 });
    expect(list.entries).toHaveLength(2);
  });
});

describe('a commit whose outcome was unknown at a crash', () => {
  it('is resolved on the next start by replaying its key: applied exactly once', async () => {
    // The first "app" sends the commit, the backend applies it, and the app dies
    // before it learns the answer (its fetch never resolves and it never retries).
    let forwarded!: () => void;
    const applied = new Promise<void>((resolve) => {
      forwarded = resolve;
    });
    const dying: FetchLike = async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      if (request.headers.get('idempotency-key')?.startsWith('op-')) {
        await fetch(request);
        forwarded();
        return new Promise<Response>(() => {});
      }
      return fetch(request);
    };
    const crashed = h.restart({ fetch: dying, sleep: () => new Promise<void>(() => {}) });
    await crashed.start();
    await crashed.dispatch(
      'settings.update',
      { requestTimeoutMs: 1000 },
      { trusted: true, description: 't' },
    );
    const preview = (await crashed.dispatch('mutations.preview', topUp('42'), {
      trusted: true,
      description: 't',
    })) as {
      ok: true;
      value: { ticketId: string };
    };
    void crashed.dispatch(
      'mutations.commit',
      { ticketId: preview.value.ticketId },
      { trusted: true, description: 't' },
    );
    await applied;

    const pending = readFileSync(journalFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => {
        try {
          return JSON.parse(l) as { phase: string; outcome: string; idempotencyKey: string; amount: string };
        } catch {
          return null;
        }
      });
    const attempt = pending.filter((l) => l?.phase === 'attempt' && l.amount === '42').at(-1);
    expect(attempt).toBeDefined();
    const key = attempt?.idempotencyKey ?? '';

    // Next start, with a healthy connection.
    const restarted = h.restart();
    await restarted.start();

    const lines = readFileSync(journalFile, 'utf8')
      .split('\n')
      .filter((l) => l.includes(key))
      .map((l) => JSON.parse(l) as { phase: string; outcome: string; resolvedBy?: string });
    expect(lines.map((l) => `${l.phase}:${l.outcome}:${l.resolvedBy ?? ''}`)).toEqual([
      'attempt:pending:',
      'result:committed:replay_on_start',
    ]);
    const audit = await h.admin.get<{ data: { idempotency_key: string | null }[] }>(
      '/v1/admin/audit?limit=500',
    );
    expect(audit.body.data.filter((e) => e.idempotency_key === key)).toHaveLength(1);
    const txs = await h.admin.get<{ data: { idempotency_key: string | null }[] }>(
      `/v1/tenants/${tenant.id}/transactions?limit=500`,
    );
    expect(txs.body.data.filter((t) => t.idempotency_key === key)).toHaveLength(1);

    // And a third start has nothing left to resolve.
    const sentBefore = h.sent.length;
    await h.restart().start();
    expect(h.sent.slice(sentBefore).filter((r) => r.method !== 'GET')).toHaveLength(0);
  });
});

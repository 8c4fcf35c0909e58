import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage, Tenant } from '../../../shared/api';
import type { PreviewArgs } from '../../../shared/ipc/contract';
import { newEndpoint, newTenant } from '../../sandbox/support/fixtures';
import { type Harness, startHarness } from '../support/core-harness';

/**
 * Issue 4's acceptance: with the sandbox dropping the connection right after
 * it commits, every kind of mutation still commits exactly once (the core
 * retries with the same Idempotency-Key) and the app reports success.
 */
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

async function auditEntriesWithKey(key: string): Promise<number> {
  const res = await h.admin.get<AuditPage>('/v1/admin/audit?limit=500');
  return (res.body as { data: { idempotency_key: string | null }[] }).data.filter(
    (e) => e.idempotency_key === key,
  ).length;
}

async function keyOf(journalId: string): Promise<string> {
  const { entries } = await h.value('journal.list', { limit: 500 });
  const entry = entries.find((e) => e.id === journalId);
  if (!entry) throw new Error('journal entry missing');
  return entry.idempotencyKey;
}

async function dropNextCommit(method: 'POST' | 'PUT'): Promise<void> {
  const res = await h.admin.post('/sandbox/faults', {
    count: 1,
    drop_after_commit: true,
    method,
    path_prefix: '/v1',
  });
  expect(res.status, res.text).toBe(200);
}

async function activeTenant(credits = '1000'): Promise<Tenant> {
  return newTenant(h.admin, { credits });
}

async function terminalWorkload(tenant: Tenant): Promise<string> {
  const created = await h.admin.post<{ workload: { id: string } }>(`/v1/tenants/${tenant.id}/workloads`, {
    source_url: 'https://github.com/acme/models/blob/main/train.ipynb',
  });
  expect(created.status, created.text).toBe(201);
  const id = created.body.workload.id;
  const cancelled = await h.admin.post(`/v1/workloads/${id}/cancel`, {});
  expect(cancelled.status, cancelled.text).toBe(200);
  return id;
}

type Case = { name: string; method: 'POST' | 'PUT'; arrange: () => Promise<PreviewArgs> };

const cases: Case[] = [
  {
    name: 'wallet.adjust (top-up)',
    method: 'POST',
    arrange: async () => {
      const t = await activeTenant();
      return {
        operation: 'wallet.adjust',
        payload: { tenantId: t.id, kind: 'top_up', amount: '25.5', reason: 'paid invoice' },
      };
    },
  },
  {
    name: 'wallet.adjust (negative adjustment)',
    method: 'POST',
    arrange: async () => {
      const t = await activeTenant();
      return {
        operation: 'wallet.adjust',
        payload: { tenantId: t.id, kind: 'adjustment', amount: '-10', reason: 'correction' },
      };
    },
  },
  {
    name: 'wallet.replenish',
    method: 'POST',
    arrange: async () => {
      const t = await newTenant(h.admin, { monthly: '300' });
      return { operation: 'wallet.replenish', payload: { tenantId: t.id } };
    },
  },
  {
    name: 'subscription.set',
    method: 'PUT',
    arrange: async () => {
      const t = await newTenant(h.admin, { active: false });
      return {
        operation: 'subscription.set',
        payload: {
          tenantId: t.id,
          plan: 'team',
          monthlyCredits: '500',
          activate: true,
          issueFirstMonth: true,
        },
      };
    },
  },
  {
    name: 'workload.create',
    method: 'POST',
    arrange: async () => {
      const t = await activeTenant('100000');
      return {
        operation: 'workload.create',
        payload: {
          tenantId: t.id,
          sourceUrl: 'https://github.com/acme/models/blob/main/train.py',
          name: 'nightly',
        },
      };
    },
  },
  {
    name: 'workload.cancel',
    method: 'POST',
    arrange: async () => {
      const t = await activeTenant('100000');
      const created = await h.admin.post<{ workload: { id: string } }>(`/v1/tenants/${t.id}/workloads`, {
        source_url: 'https://github.com/acme/models/blob/main/eval.ipynb',
      });
      return { operation: 'workload.cancel', payload: { workloadId: created.body.workload.id } };
    },
  },
  {
    name: 'workload.reconcile',
    method: 'POST',
    arrange: async () => {
      const t = await activeTenant('100000');
      return {
        operation: 'workload.reconcile',
        payload: { workloadId: await terminalWorkload(t), actualCredits: '1.5' },
      };
    },
  },
  {
    name: 'metering.tick',
    method: 'POST',
    arrange: async () => {
      const t = await activeTenant('100');
      await newEndpoint(h.admin, t.id, '2');
      await h.admin.post('/sandbox/clock', { advance_seconds: 3600 });
      return { operation: 'metering.tick', payload: {} };
    },
  },
];

describe('drop after commit', () => {
  it.each(cases.map((c) => [c.name, c] as const))(
    '%s commits exactly once and reports success',
    async (_name, c) => {
      const args = await c.arrange();
      const preview = await h.value('mutations.preview', args);
      await dropNextCommit(c.method);

      const result = await h.value('mutations.commit', { ticketId: preview.ticketId });

      expect(result.outcome).toBe('committed');
      expect(result.attempts).toBeGreaterThanOrEqual(2);
      expect(result.replayed).toBe(true);
      const key = await keyOf(result.journalId);
      // One audit record and the previewed number of ledger rows for the key, however many requests it took.
      expect(await auditEntriesWithKey(key)).toBe(1);
      expect(result.transactionIds.length).toBe(preview.effects.transactions.length);
      const commits = h.sent.filter((r) => r.headers['idempotency-key'] === key);
      expect(commits.length).toBe(result.attempts);
      expect(new Set(commits.map((r) => r.body)).size).toBe(1);
      if (args.operation !== 'metering.tick' && result.tenantId) {
        const txs = await h.admin.get<{ data: { id: string; idempotency_key: string | null }[] }>(
          `/v1/tenants/${result.tenantId}/transactions?limit=500`,
        );
        expect(
          txs.body.data
            .filter((t) => t.idempotency_key === key)
            .map((t) => t.id)
            .sort(),
        ).toEqual([...result.transactionIds].sort());
      }
      // The journal holds the attempt (written first) and the committed result.
      const { entries } = await h.value('journal.list', { limit: 500 });
      expect(entries.filter((e) => e.idempotencyKey === key).map((e) => `${e.phase}:${e.outcome}`)).toEqual([
        'result:committed',
        'attempt:pending',
      ]);
    },
  );
});

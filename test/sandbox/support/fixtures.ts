import { expect } from 'vitest';
import { Endpoint, Tenant, type Transaction, TransactionPage } from '../../../shared/api';
import { formatCredits, parseCredits } from '../../../shared/money';
import type { Client } from './client';

let counter = 0;

/** A fresh tenant through the sandbox fixture route; optionally subscribed (active) and funded. */
export async function newTenant(
  admin: Client,
  options: { name?: string; active?: boolean; credits?: string; plan?: string; monthly?: string } = {},
): Promise<Tenant> {
  counter += 1;
  const created = await admin.post('/sandbox/tenants', { name: options.name ?? `Test tenant ${counter}` });
  expect(created.status, created.text).toBe(201);
  let tenant = Tenant.parse(created.body);
  if (options.active ?? true) {
    const res = await admin.put(
      `/v1/admin/tenants/${tenant.id}/subscription`,
      {
        plan: options.plan ?? 'team',
        monthly_credits: options.monthly ?? '5000',
        activate: true,
        issue_first_month: false,
      },
      { ifMatch: tenant.wallet.version },
    );
    expect(res.status, res.text).toBe(200);
    tenant = await getTenant(admin, tenant.id);
  }
  if (options.credits !== undefined && parseCredits(options.credits) !== 0n) {
    const res = await admin.post(
      `/v1/admin/tenants/${tenant.id}/wallet/adjustments`,
      { kind: 'adjustment', amount: options.credits, reason: 'test funding' },
      { ifMatch: tenant.wallet.version },
    );
    expect(res.status, res.text).toBe(201);
    tenant = await getTenant(admin, tenant.id);
  }
  return tenant;
}

export async function getTenant(client: Client, id: string): Promise<Tenant> {
  const res = await client.get(`/v1/tenants/${id}`);
  expect(res.status, res.text).toBe(200);
  return Tenant.parse(res.body);
}

export async function newEndpoint(
  admin: Client,
  tenantId: string,
  rate: string,
  name = 'ep',
): Promise<Endpoint> {
  const res = await admin.post('/sandbox/endpoints', { tenant_id: tenantId, name, rate_per_hour: rate });
  expect(res.status, res.text).toBe(201);
  return Endpoint.parse(res.body);
}

export async function advanceClock(admin: Client, seconds: number): Promise<string> {
  const res = await admin.post<{ now: string }>('/sandbox/clock', { advance_seconds: seconds });
  expect(res.status, res.text).toBe(200);
  return res.body.now;
}

export async function clockNow(admin: Client): Promise<string> {
  const res = await admin.get<{ now: string }>('/sandbox/clock');
  return res.body.now;
}

export async function allTransactions(client: Client, tenantId: string, query = ''): Promise<Transaction[]> {
  const all: Transaction[] = [];
  let cursor: string | null = null;
  do {
    const suffix: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const res = await client.get(`/v1/tenants/${tenantId}/transactions?limit=500${query}${suffix}`);
    expect(res.status, res.text).toBe(200);
    const page = TransactionPage.parse(res.body);
    all.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return all;
}

/**
 * The ledger invariant, checked from the outside: seq runs 1..version without
 * gaps, each balance_after continues the previous one, and the wallet balance
 * is the sum of all amounts.
 */
export async function expectLedgerInvariant(client: Client, tenantId: string): Promise<void> {
  const tenant = await getTenant(client, tenantId);
  const txs = (await allTransactions(client, tenantId)).reverse();
  expect(txs.length).toBe(tenant.wallet.version);
  let balance = 0n;
  txs.forEach((tx, index) => {
    expect(tx.seq).toBe(index + 1);
    balance += parseCredits(tx.amount);
    expect(tx.balance_after).toBe(formatCredits(balance));
  });
  expect(tenant.wallet.balance).toBe(formatCredits(balance));
}

/** A snapshot of everything observable about a tenant, to prove a request changed nothing. */
export async function snapshot(client: Client, tenantId: string): Promise<string> {
  const [tenant, txs, workloads, endpoints, audit] = await Promise.all([
    client.get(`/v1/tenants/${tenantId}`),
    client.get(`/v1/tenants/${tenantId}/transactions?limit=500`),
    client.get(`/v1/tenants/${tenantId}/workloads?limit=500`),
    client.get(`/v1/tenants/${tenantId}/endpoints?limit=500`),
    client.get(`/v1/admin/audit?limit=500&tenant_id=${tenantId}`),
  ]);
  return JSON.stringify([tenant.body, txs.body, workloads.body, endpoints.body, audit.body]);
}

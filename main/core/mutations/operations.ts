import type { RouteName } from '../../../shared/api';
import type { MutationOperation, MutationPayload } from '../../../shared/ipc/contract';

/** Where a mutation's tenant comes from: named in the payload, via a workload, or none (global). */
export type TenantSource = { tenantId: string } | { workloadId: string } | null;

type OperationSpec<O extends MutationOperation> = {
  route: RouteName;
  params(payload: MutationPayload<O>): Record<string, string>;
  /** The wire body (snake_case), built once at preview and sent unchanged at commit. */
  body(payload: MutationPayload<O>): Record<string, unknown>;
  tenant(payload: MutationPayload<O>): TenantSource;
  /** The amount the operator typed, for the journal; null when the backend computes it. */
  amount(payload: MutationPayload<O>): string | null;
};

/**
 * The seven mutations the console can make, each mapped onto exactly one
 * contract route. Nothing else can be committed: the renderer names an
 * operation, never a route or URL.
 */
export const operations: { [O in MutationOperation]: OperationSpec<O> } = {
  'workload.create': {
    route: 'createWorkload',
    params: (p) => ({ tenant_id: p.tenantId }),
    body: (p) => ({
      source_url: p.sourceUrl,
      ...(p.name !== undefined && p.name !== '' ? { name: p.name } : {}),
    }),
    tenant: (p) => ({ tenantId: p.tenantId }),
    amount: () => null,
  },
  'workload.cancel': {
    route: 'cancelWorkload',
    params: (p) => ({ workload_id: p.workloadId }),
    body: () => ({}),
    tenant: (p) => ({ workloadId: p.workloadId }),
    amount: () => null,
  },
  'subscription.set': {
    route: 'putSubscription',
    params: (p) => ({ tenant_id: p.tenantId }),
    body: (p) => ({
      plan: p.plan,
      monthly_credits: p.monthlyCredits,
      activate: p.activate,
      issue_first_month: p.issueFirstMonth,
    }),
    tenant: (p) => ({ tenantId: p.tenantId }),
    amount: (p) => (p.issueFirstMonth ? p.monthlyCredits : null),
  },
  'wallet.adjust': {
    route: 'createWalletAdjustment',
    params: (p) => ({ tenant_id: p.tenantId }),
    body: (p) => ({ kind: p.kind, amount: p.amount, reason: p.reason }),
    tenant: (p) => ({ tenantId: p.tenantId }),
    amount: (p) => p.amount,
  },
  'wallet.replenish': {
    route: 'createWalletReplenishment',
    params: (p) => ({ tenant_id: p.tenantId }),
    body: (p) => (p.amount === undefined || p.amount === null || p.amount === '' ? {} : { amount: p.amount }),
    tenant: (p) => ({ tenantId: p.tenantId }),
    amount: (p) => (p.amount === undefined || p.amount === null || p.amount === '' ? null : p.amount),
  },
  'workload.reconcile': {
    route: 'reconcileWorkload',
    params: (p) => ({ workload_id: p.workloadId }),
    body: (p) => ({ actual_credits: p.actualCredits }),
    tenant: (p) => ({ workloadId: p.workloadId }),
    amount: (p) => p.actualCredits,
  },
  'metering.tick': {
    route: 'createMeteringTick',
    params: () => ({}),
    body: () => ({}),
    tenant: () => null,
    amount: () => null,
  },
};

/** JSON with sorted keys: the same payload always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

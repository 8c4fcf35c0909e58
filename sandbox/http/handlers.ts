import type { z } from 'zod';
import { type Me, type RouteName, type Routes, versionTag, type Wallet } from '../../shared/api';
import { formatCredits, parseCredits } from '../../shared/money';
import type { Ctx } from '../domain/context';
import { ApiError } from '../domain/errors';
import { formatId } from '../domain/ids';
import { runMeteringTick } from '../domain/metering';
import { plans } from '../domain/plans';
import { type Repo, type TenantRow, toEndpoint, toTenant, toTransaction, walletOf } from '../domain/repo';
import { adjustWallet, replenishWallet, updateSubscription } from '../domain/wallet';
import { cancelWorkload, createWorkload, reconcileWorkload } from '../domain/workloads';
import type { SandboxState } from '../state';
import { listAudit, listEndpoints, listTenants, listTransactions, listWorkloads, mustFind } from './reads';

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;
export interface Input<K extends RouteName> {
  params: Parsed<Routes[K]['params']>;
  query: Parsed<Routes[K]['query']>;
  body: Parsed<Routes[K]['body']>;
  ifMatch: string | undefined;
}

export interface ReadResult {
  body: unknown;
  etag?: string;
}
export interface MutationResult {
  /** The route's resource fields; the caller adds dry_run and effects. */
  body: Record<string, unknown>;
  etag?: string;
  audit: { action: string; tenantN: bigint | null; targetId: string | null };
}

export interface ReadEnv {
  repo: Repo;
  state: SandboxState;
  actor: Me['actor'];
}

type Mutations = {
  [K in RouteName as Routes[K]['mutation'] extends true ? K : never]: (
    input: Input<K>,
    ctx: Ctx,
    state: SandboxState,
  ) => MutationResult;
};
type ReadsTable = {
  [K in RouteName as Routes[K]['mutation'] extends true ? never : K]: (
    input: Input<K>,
    env: ReadEnv,
  ) => ReadResult;
};

/**
 * If-Match must name the wallet's current version ("5", W/"5" or 5). Anything
 * else, including "*", is a failed precondition: wallet changes must be made
 * against a wallet the operator has actually seen.
 */
export function checkIfMatch(tenant: TenantRow, ifMatch: string | undefined): void {
  if (ifMatch === undefined) throw new ApiError('precondition_required');
  const wallet: Wallet = walletOf(tenant);
  const match = /^(?:W\/)?"?([0-9]{1,15})"?$/.exec(ifMatch.trim());
  if (!match || Number(match[1]) !== wallet.version) {
    throw new ApiError(
      'precondition_failed',
      `If-Match ${JSON.stringify(ifMatch)} does not match the wallet's current version ${wallet.version}; reload and retry.`,
      { wallet },
    );
  }
}

/** The wallet version as the tenant's ETag (same format If-Match expects). */
const etagOf = (tenant: TenantRow): string => versionTag(Number(tenant.version));

export const reads: ReadsTable = {
  getMe: (_input, env) => ({ body: { actor: env.actor, environment: env.state.environment } }),
  listPlans: () => ({ body: { data: plans } }),
  listTenants: ({ query }, { repo }) => ({ body: listTenants(repo, query) }),
  getTenant: ({ params }, { repo }) => {
    const tenant = mustFind('tenant', params.tenant_id, (n) => repo.tenant(n));
    return { body: toTenant(tenant), etag: etagOf(tenant) };
  },
  listTenantTransactions: ({ params, query }, { repo }) => {
    const tenant = mustFind('tenant', params.tenant_id, (n) => repo.tenant(n));
    return { body: listTransactions(repo, query, tenant.n) };
  },
  listTenantWorkloads: ({ params, query }, { repo }) => {
    const tenant = mustFind('tenant', params.tenant_id, (n) => repo.tenant(n));
    return { body: listWorkloads(repo, query, tenant.n) };
  },
  getWorkload: ({ params }, { repo }) => {
    const workload = mustFind('workload', params.workload_id, (n) => repo.workload(n));
    const [body] = repo.workloadsWithEvents([workload]);
    return { body };
  },
  listTenantEndpoints: ({ params, query }, { repo }) => {
    const tenant = mustFind('tenant', params.tenant_id, (n) => repo.tenant(n));
    return { body: listEndpoints(repo, query, tenant.n) };
  },
  getEndpoint: ({ params }, { repo }) => ({
    body: toEndpoint(mustFind('endpoint', params.endpoint_id, (n) => repo.endpoint(n))),
  }),
  listAdminTransactions: ({ query }, { repo }) => ({ body: listTransactions(repo, query, null) }),
  listAdminEndpoints: ({ query }, { repo }) => ({ body: listEndpoints(repo, query, null) }),
  listAdminWorkloads: ({ query }, { repo }) => ({ body: listWorkloads(repo, query, null) }),
  listAudit: ({ query }, { repo }) => ({ body: listAudit(repo, query) }),
};

function reloadTenant(ctx: Ctx, tenantN: bigint): TenantRow {
  const tenant = ctx.repo.tenant(tenantN);
  if (!tenant) throw new Error('tenant vanished inside a transaction');
  return tenant;
}

export const mutations: Mutations = {
  createWorkload: ({ params, body, ifMatch }, ctx) => {
    const tenant = mustFind('tenant', params.tenant_id, (n) => ctx.repo.tenant(n));
    if (ifMatch !== undefined) checkIfMatch(tenant, ifMatch);
    const { workload, transaction } = createWorkload(ctx, tenant, body.source_url, body.name);
    const after = reloadTenant(ctx, tenant.n);
    const loaded = ctx.repo.workload(workload.n);
    if (!loaded) throw new Error('workload vanished');
    return {
      body: {
        workload: ctx.repo.workloadsWithEvents([loaded])[0],
        transaction: toTransaction(transaction),
        wallet: walletOf(after),
      },
      etag: etagOf(after),
      audit: { action: 'workload.create', tenantN: tenant.n, targetId: formatId('workload', workload.n) },
    };
  },
  cancelWorkload: ({ params, ifMatch }, ctx) => {
    const workload = mustFind('workload', params.workload_id, (n) => ctx.repo.workload(n));
    if (ifMatch !== undefined) checkIfMatch(reloadTenant(ctx, workload.tenant_n), ifMatch);
    cancelWorkload(ctx, workload);
    const loaded = ctx.repo.workload(workload.n);
    if (!loaded) throw new Error('workload vanished');
    return {
      body: { workload: ctx.repo.workloadsWithEvents([loaded])[0] },
      etag: etagOf(reloadTenant(ctx, workload.tenant_n)),
      audit: {
        action: 'workload.cancel',
        tenantN: workload.tenant_n,
        targetId: formatId('workload', workload.n),
      },
    };
  },
  putSubscription: ({ params, body, ifMatch }, ctx) => {
    const tenant = mustFind('tenant', params.tenant_id, (n) => ctx.repo.tenant(n));
    checkIfMatch(tenant, ifMatch);
    updateSubscription(ctx, tenant, {
      plan: body.plan,
      monthlyCredits: parseCredits(body.monthly_credits),
      activate: body.activate,
      issueFirstMonth: body.issue_first_month,
    });
    const after = reloadTenant(ctx, tenant.n);
    return {
      body: { tenant: toTenant(after) },
      etag: etagOf(after),
      audit: { action: 'subscription.update', tenantN: tenant.n, targetId: formatId('tenant', tenant.n) },
    };
  },
  createWalletAdjustment: ({ params, body, ifMatch }, ctx) => {
    const tenant = mustFind('tenant', params.tenant_id, (n) => ctx.repo.tenant(n));
    checkIfMatch(tenant, ifMatch);
    const transaction = adjustWallet(ctx, tenant, body.kind, parseCredits(body.amount), body.reason);
    const after = reloadTenant(ctx, tenant.n);
    return {
      body: { transaction: toTransaction(transaction), wallet: walletOf(after) },
      etag: etagOf(after),
      audit: { action: `wallet.${body.kind}`, tenantN: tenant.n, targetId: formatId('tenant', tenant.n) },
    };
  },
  createWalletReplenishment: ({ params, body, ifMatch }, ctx) => {
    const tenant = mustFind('tenant', params.tenant_id, (n) => ctx.repo.tenant(n));
    checkIfMatch(tenant, ifMatch);
    const override = typeof body.amount === 'string' && body.amount !== '' ? parseCredits(body.amount) : null;
    const transaction = replenishWallet(ctx, tenant, override);
    const after = reloadTenant(ctx, tenant.n);
    return {
      body: { transaction: toTransaction(transaction), wallet: walletOf(after) },
      etag: etagOf(after),
      audit: { action: 'wallet.replenishment', tenantN: tenant.n, targetId: formatId('tenant', tenant.n) },
    };
  },
  reconcileWorkload: ({ params, body, ifMatch }, ctx) => {
    const workload = mustFind('workload', params.workload_id, (n) => ctx.repo.workload(n));
    if (ifMatch !== undefined) checkIfMatch(reloadTenant(ctx, workload.tenant_n), ifMatch);
    const transaction = reconcileWorkload(ctx, workload, parseCredits(body.actual_credits));
    const after = reloadTenant(ctx, workload.tenant_n);
    const loaded = ctx.repo.workload(workload.n);
    if (!loaded) throw new Error('workload vanished');
    return {
      body: {
        workload: ctx.repo.workloadsWithEvents([loaded])[0],
        transaction: transaction === null ? null : toTransaction(transaction),
        wallet: walletOf(after),
      },
      etag: etagOf(after),
      audit: {
        action: 'workload.reconcile',
        tenantN: workload.tenant_n,
        targetId: formatId('workload', workload.n),
      },
    };
  },
  createMeteringTick: (_input, ctx, state) => {
    const summary = runMeteringTick(ctx, state.graceMs);
    return {
      body: {
        tick_at: new Date(ctx.now).toISOString(),
        endpoints_metered: summary.endpointsMetered,
        total_charged: formatCredits(summary.totalCharged),
      },
      audit: { action: 'metering.tick', tenantN: null, targetId: null },
    };
  },
};

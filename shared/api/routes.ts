import { z } from 'zod';
import type { ErrorCode } from './errors';
import {
  AdjustmentBody,
  AdminEndpointListQuery,
  AdminTransactionListQuery,
  AdminWorkloadListQuery,
  AuditListQuery,
  AuditPage,
  CreateWorkloadBody,
  DryRunQuery,
  DryRunResult,
  EmptyBody,
  Endpoint,
  EndpointListQuery,
  EndpointPage,
  endpointId,
  Me,
  MeteringTickResult,
  PlanList,
  ReconciliationBody,
  ReconciliationResult,
  ReplenishmentBody,
  type Role,
  SandboxClock,
  SandboxClockBody,
  SandboxCreateEndpointBody,
  SandboxCreateTenantBody,
  SandboxFaults,
  SandboxFaultsBody,
  SandboxTenantStatusBody,
  SubscriptionBody,
  SubscriptionResult,
  Tenant,
  TenantListQuery,
  TenantPage,
  TransactionListQuery,
  TransactionPage,
  tenantId,
  WalletMutationResult,
  Workload,
  WorkloadCancelResult,
  WorkloadCreateResult,
  WorkloadListQuery,
  WorkloadPage,
  workloadId,
} from './schemas';

/**
 * The route table: the single description of every operation. The OpenAPI
 * generator, the sandbox's Fastify routes and the app's API client are all
 * derived from it, so a route cannot exist in one and not the others.
 *
 * - `path` uses OpenAPI templating (`{tenant_id}`); use `fillPath` to build URLs.
 * - `mutation` routes need Idempotency-Key, accept `?dry_run=true`, write an
 *   audit entry, and answer `DryRunResult` (200) on a dry run.
 * - `ifMatch: 'required'` routes need `If-Match: "<wallet version>"`;
 *   `'optional'` routes (workload create, cancel, reconcile) honour it when
 *   sent (412 when stale), so a client can bind them to the wallet it previewed.
 * - `errors` lists the codes the route can answer besides the universal ones
 *   (401, 403 for admin routes, 404 for unknown ids, 400/413/415/422 for bad input).
 */
export interface RouteSpec {
  readonly operationId: string;
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: string;
  readonly summary: string;
  readonly description: string;
  readonly tag: string;
  readonly params: z.ZodObject | null;
  readonly query: z.ZodObject | null;
  readonly body: z.ZodType | null;
  readonly response: z.ZodType;
  readonly successStatus: 200 | 201;
  readonly roles: readonly Role[];
  readonly mutation: boolean;
  readonly ifMatch: 'required' | 'optional' | 'never';
  /** GET routes that answer an ETag header (the wallet version). */
  readonly etag: boolean;
  readonly errors: readonly ErrorCode[];
}

const anyRole = ['support', 'admin'] as const;
const adminOnly = ['admin'] as const;

const tenantParams = z.object({ tenant_id: tenantId });
const workloadParams = z.object({ workload_id: workloadId });
const endpointParams = z.object({ endpoint_id: endpointId });

const read = {
  method: 'GET',
  body: null,
  successStatus: 200,
  mutation: false,
  ifMatch: 'never',
  etag: false,
} as const;

const write = { mutation: true, etag: false, query: DryRunQuery } as const;

export const routes = {
  getMe: {
    ...read,
    operationId: 'getMe',
    path: '/v1/me',
    tag: 'Session',
    summary: 'Who am I, and which environment is this',
    description:
      'The actor behind the bearer token and the backend environment. Apps compare `environment.kind` with the profile they expect before allowing writes.',
    params: null,
    query: null,
    response: Me,
    roles: anyRole,
    errors: [],
  },
  listPlans: {
    ...read,
    operationId: 'listPlans',
    path: '/v1/plans',
    tag: 'Plans',
    summary: 'Plans the backend recognises',
    description: 'Plan ids accepted by the subscription route, with their default monthly credits.',
    params: null,
    query: null,
    response: PlanList,
    roles: anyRole,
    errors: [],
  },
  listTenants: {
    ...read,
    operationId: 'listTenants',
    path: '/v1/tenants',
    tag: 'Tenants',
    summary: 'List tenants',
    description: 'Ordered by name, then id. Filter by `q` (name or id substring) and `status`.',
    params: null,
    query: TenantListQuery,
    response: TenantPage,
    roles: anyRole,
    errors: ['invalid_cursor', 'validation_failed'],
  },
  getTenant: {
    ...read,
    etag: true,
    operationId: 'getTenant',
    path: '/v1/tenants/{tenant_id}',
    tag: 'Tenants',
    summary: 'Get a tenant and its wallet',
    description: 'Answers `ETag: "<wallet version>"`; send it back as If-Match on wallet-changing routes.',
    params: tenantParams,
    query: null,
    response: Tenant,
    roles: anyRole,
    errors: ['not_found'],
  },
  listTenantTransactions: {
    ...read,
    operationId: 'listTenantTransactions',
    path: '/v1/tenants/{tenant_id}/transactions',
    tag: 'Ledger',
    summary: "List a tenant's transactions, newest first",
    description:
      'Keyset-paged on `seq`: a walk never repeats or skips rows, even while new ones are written.',
    params: tenantParams,
    query: TransactionListQuery,
    response: TransactionPage,
    roles: anyRole,
    errors: ['not_found', 'invalid_cursor', 'validation_failed'],
  },
  listTenantWorkloads: {
    ...read,
    operationId: 'listTenantWorkloads',
    path: '/v1/tenants/{tenant_id}/workloads',
    tag: 'Workloads',
    summary: "List a tenant's workloads, newest first",
    description: 'Filter by `status` and `reconciled`.',
    params: tenantParams,
    query: WorkloadListQuery,
    response: WorkloadPage,
    roles: anyRole,
    errors: ['not_found', 'invalid_cursor', 'validation_failed'],
  },
  createWorkload: {
    ...write,
    operationId: 'createWorkload',
    method: 'POST',
    path: '/v1/tenants/{tenant_id}/workloads',
    tag: 'Workloads',
    summary: 'Submit a workload and reserve its estimated credits',
    description:
      'The backend estimates the cost deterministically from the URL and writes a `reservation` debit of the estimate. The tenant must be active and its balance at least the estimate.',
    params: tenantParams,
    body: CreateWorkloadBody,
    response: WorkloadCreateResult,
    successStatus: 201,
    roles: adminOnly,
    ifMatch: 'optional',
    errors: [
      'not_found',
      'tenant_not_active',
      'insufficient_credits',
      'precondition_failed',
      'validation_failed',
    ],
  },
  getWorkload: {
    ...read,
    operationId: 'getWorkload',
    path: '/v1/workloads/{workload_id}',
    tag: 'Workloads',
    summary: 'Get a workload with its status history',
    description:
      'Status advances with the backend clock: queued → fetching → instrumenting → running → terminal.',
    params: workloadParams,
    query: null,
    response: Workload,
    roles: anyRole,
    errors: ['not_found'],
  },
  cancelWorkload: {
    ...write,
    operationId: 'cancelWorkload',
    method: 'POST',
    path: '/v1/workloads/{workload_id}/cancel',
    tag: 'Workloads',
    summary: 'Cancel a workload that has not finished',
    description: 'Moves a non-terminal workload to cancelled. The reservation stays until reconciliation.',
    params: workloadParams,
    body: EmptyBody,
    response: WorkloadCancelResult,
    successStatus: 200,
    roles: adminOnly,
    ifMatch: 'optional',
    errors: ['not_found', 'workload_terminal', 'precondition_failed'],
  },
  listTenantEndpoints: {
    ...read,
    operationId: 'listTenantEndpoints',
    path: '/v1/tenants/{tenant_id}/endpoints',
    tag: 'Endpoints',
    summary: "List a tenant's endpoints",
    description: 'Filter by `status`.',
    params: tenantParams,
    query: EndpointListQuery,
    response: EndpointPage,
    roles: anyRole,
    errors: ['not_found', 'invalid_cursor', 'validation_failed'],
  },
  getEndpoint: {
    ...read,
    operationId: 'getEndpoint',
    path: '/v1/endpoints/{endpoint_id}',
    tag: 'Endpoints',
    summary: 'Get an endpoint and its metering state',
    description:
      'Status active, depleted_grace or suspended; `last_metered_at` is where the next window starts.',
    params: endpointParams,
    query: null,
    response: Endpoint,
    roles: anyRole,
    errors: ['not_found'],
  },
  putSubscription: {
    ...write,
    operationId: 'putSubscription',
    method: 'PUT',
    path: '/v1/admin/tenants/{tenant_id}/subscription',
    tag: 'Admin',
    summary: "Set a tenant's subscription",
    description:
      'Sets plan and monthly credits; `activate` moves pending_subscription → active; `issue_first_month` writes a subscription_grant that counts as this month’s replenishment.',
    params: tenantParams,
    body: SubscriptionBody,
    response: SubscriptionResult,
    successStatus: 200,
    roles: adminOnly,
    ifMatch: 'required',
    errors: [
      'not_found',
      'unknown_plan',
      'tenant_not_active',
      'tenant_suspended',
      'already_replenished',
      'precondition_required',
      'precondition_failed',
      'validation_failed',
    ],
  },
  createWalletAdjustment: {
    ...write,
    operationId: 'createWalletAdjustment',
    method: 'POST',
    path: '/v1/admin/tenants/{tenant_id}/wallet/adjustments',
    tag: 'Admin',
    summary: 'Adjust or top up a wallet',
    description:
      '`top_up` adds a positive amount; `adjustment` corrects by any non-zero amount, negative allowed.',
    params: tenantParams,
    body: AdjustmentBody,
    response: WalletMutationResult,
    successStatus: 201,
    roles: adminOnly,
    ifMatch: 'required',
    errors: ['not_found', 'precondition_required', 'precondition_failed', 'validation_failed'],
  },
  createWalletReplenishment: {
    ...write,
    operationId: 'createWalletReplenishment',
    method: 'POST',
    path: '/v1/admin/tenants/{tenant_id}/wallet/replenishments',
    tag: 'Admin',
    summary: "Issue this month's credits",
    description: 'Once per calendar month (UTC) of the backend clock, for active tenants with a plan.',
    params: tenantParams,
    body: ReplenishmentBody,
    response: WalletMutationResult,
    successStatus: 201,
    roles: adminOnly,
    ifMatch: 'required',
    errors: [
      'not_found',
      'tenant_not_active',
      'no_plan',
      'already_replenished',
      'precondition_required',
      'precondition_failed',
      'validation_failed',
    ],
  },
  reconcileWorkload: {
    ...write,
    operationId: 'reconcileWorkload',
    method: 'POST',
    path: '/v1/admin/workloads/{workload_id}/reconciliation',
    tag: 'Admin',
    summary: "Reconcile a finished workload's reservation",
    description:
      'Charges the difference when actual > estimate, refunds it when actual < estimate; equal writes nothing but marks the workload reconciled. Once per workload.',
    params: workloadParams,
    body: ReconciliationBody,
    response: ReconciliationResult,
    successStatus: 200,
    roles: adminOnly,
    ifMatch: 'optional',
    errors: [
      'not_found',
      'workload_not_terminal',
      'already_reconciled',
      'precondition_failed',
      'validation_failed',
    ],
  },
  createMeteringTick: {
    ...write,
    operationId: 'createMeteringTick',
    method: 'POST',
    path: '/v1/admin/metering/ticks',
    tag: 'Admin',
    summary: 'Meter every active and depleted_grace endpoint up to now',
    description:
      'Writes one endpoint_usage debit per metered endpoint for the window [last_metered_at, now), then applies grace/suspension/reactivation per tenant. Returns every transition.',
    params: null,
    body: EmptyBody,
    response: MeteringTickResult,
    successStatus: 200,
    roles: adminOnly,
    ifMatch: 'never',
    errors: [],
  },
  listAdminTransactions: {
    ...read,
    operationId: 'listAdminTransactions',
    path: '/v1/admin/transactions',
    tag: 'Admin views',
    summary: 'Transactions across tenants, newest first',
    description: 'Filter by `tenant_id`, `type`, `actor`, `since`, `until`.',
    params: null,
    query: AdminTransactionListQuery,
    response: TransactionPage,
    roles: adminOnly,
    errors: ['invalid_cursor', 'validation_failed'],
  },
  listAdminEndpoints: {
    ...read,
    operationId: 'listAdminEndpoints',
    path: '/v1/admin/endpoints',
    tag: 'Admin views',
    summary: 'Endpoints across tenants',
    description: 'Filter by `tenant_id`, `status`.',
    params: null,
    query: AdminEndpointListQuery,
    response: EndpointPage,
    roles: adminOnly,
    errors: ['invalid_cursor', 'validation_failed'],
  },
  listAdminWorkloads: {
    ...read,
    operationId: 'listAdminWorkloads',
    path: '/v1/admin/workloads',
    tag: 'Admin views',
    summary: 'Workloads across tenants, newest first',
    description: 'Filter by `tenant_id`, `status`, `reconciled=false` (the reconciliation queue).',
    params: null,
    query: AdminWorkloadListQuery,
    response: WorkloadPage,
    roles: adminOnly,
    errors: ['invalid_cursor', 'validation_failed'],
  },
  listAudit: {
    ...read,
    operationId: 'listAudit',
    path: '/v1/admin/audit',
    tag: 'Admin views',
    summary: 'Audit log of committed mutations, newest first',
    description: 'Filter by `tenant_id`, `actor`, `action`, `since`, `until`.',
    params: null,
    query: AuditListQuery,
    response: AuditPage,
    roles: adminOnly,
    errors: ['invalid_cursor', 'validation_failed'],
  },
} as const satisfies Record<string, RouteSpec>;

export type Routes = typeof routes;
export type RouteName = keyof Routes;
export const routeNames = Object.keys(routes) as RouteName[];

type Out<T> = T extends z.ZodType ? z.output<T> : never;
type In<T> = T extends z.ZodType ? z.input<T> : undefined;
/** Response body type of a route (committed result; dry runs answer DryRunResult). */
export type RouteResponse<N extends RouteName> = Out<Routes[N]['response']>;
/** Body a client sends. */
export type RouteBody<N extends RouteName> = In<Routes[N]['body']>;
/** Query a client sends (string values as on the wire, before coercion). */
export type RouteQuery<N extends RouteName> = In<Routes[N]['query']>;
export type RouteParams<N extends RouteName> = In<Routes[N]['params']>;

/**
 * The schema to validate a successful response of route `name` with: a dry
 * run of a mutation answers DryRunResult, anything else the route's response.
 */
export function responseSchemaFor(name: RouteName, options: { dryRun?: boolean } = {}): z.ZodType {
  const route: RouteSpec = routes[name];
  return route.mutation && options.dryRun === true ? DryRunResult : route.response;
}

/**
 * Sandbox-only controls under /sandbox: absent from the production contract and
 * from openapi.json. Admin token required.
 */
export const sandboxRoutes = {
  getClock: { method: 'GET', path: '/sandbox/clock', body: null, response: SandboxClock },
  setClock: { method: 'POST', path: '/sandbox/clock', body: SandboxClockBody, response: SandboxClock },
  getFaults: { method: 'GET', path: '/sandbox/faults', body: null, response: SandboxFaults },
  setFaults: { method: 'POST', path: '/sandbox/faults', body: SandboxFaultsBody, response: SandboxFaults },
  createTenant: { method: 'POST', path: '/sandbox/tenants', body: SandboxCreateTenantBody, response: Tenant },
  setTenantStatus: {
    method: 'POST',
    path: '/sandbox/tenants/{tenant_id}/status',
    body: SandboxTenantStatusBody,
    response: Tenant,
  },
  createEndpoint: {
    method: 'POST',
    path: '/sandbox/endpoints',
    body: SandboxCreateEndpointBody,
    response: Endpoint,
  },
} as const;

import { z } from 'zod';
import {
  anyCreditString,
  creditString,
  nonNegativeCreditString,
  nonZeroCreditString,
  positiveCreditString,
} from './credit-schemas';
import { errorCodeList } from './errors';

/**
 * Wire schemas of the integration contract (snake_case, JSON). Response
 * schemas are plain data (no transforms) so the app can validate a response
 * and get exactly what the backend sent; request schemas carry the business
 * validation the backend applies, so the sandbox and the app's forms agree.
 *
 * Optional-in-the-issue fields (`workload_id?` …) are always present and
 * `null` when absent: one shape per resource is easier to render and to diff.
 */

// ---------------------------------------------------------------- primitives

export const timestamp = z.iso.datetime().meta({
  description: 'Instant in ISO-8601 UTC, from the backend clock.',
  examples: ['2026-01-15T12:00:00.000Z'],
});
/** Query-side instant: any ISO-8601 date-time with Z or an offset. */
export const timestampQuery = z.iso
  .datetime({ offset: true })
  .meta({ description: 'ISO-8601 date-time (UTC or with offset).' });

export const tenantId = z
  .string()
  .meta({ description: 'Tenant id, e.g. "ten_000001".', examples: ['ten_000001'] });
export const workloadId = z
  .string()
  .meta({ description: 'Workload id, e.g. "wl_000001".', examples: ['wl_000001'] });
export const endpointId = z
  .string()
  .meta({ description: 'Endpoint id, e.g. "ep_000001".', examples: ['ep_000001'] });
export const transactionId = z
  .string()
  .meta({ description: 'Transaction id, stable forever, e.g. "txn_000001".', examples: ['txn_000001'] });
/** Calendar month of the backend clock, UTC. */
export const period = z
  .string()
  .regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/)
  .meta({ description: 'Calendar month (UTC) as YYYY-MM.', examples: ['2026-01'] });

export const roles = ['support', 'admin'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const environmentKinds = ['sandbox', 'staging', 'production'] as const;
export const EnvironmentKind = z.enum(environmentKinds);
export type EnvironmentKind = z.infer<typeof EnvironmentKind>;

// ---------------------------------------------------------------- statuses

export const tenantStatuses = ['pending_subscription', 'active', 'suspended'] as const;
export const TenantStatus = z.enum(tenantStatuses);
export type TenantStatus = z.infer<typeof TenantStatus>;

export const workloadStatuses = [
  'queued',
  'fetching',
  'instrumenting',
  'running',
  'succeeded',
  'failed',
  'cancelled',
] as const;
export const WorkloadStatus = z.enum(workloadStatuses);
export type WorkloadStatus = z.infer<typeof WorkloadStatus>;
export const terminalWorkloadStatuses = [
  'succeeded',
  'failed',
  'cancelled',
] as const satisfies WorkloadStatus[];
export function isTerminalWorkloadStatus(status: WorkloadStatus): boolean {
  return (terminalWorkloadStatuses as readonly WorkloadStatus[]).includes(status);
}

export const endpointStatuses = ['active', 'depleted_grace', 'suspended'] as const;
export const EndpointStatus = z.enum(endpointStatuses);
export type EndpointStatus = z.infer<typeof EndpointStatus>;

export const transactionTypes = [
  'subscription_grant',
  'replenishment',
  'top_up',
  'adjustment',
  'reservation',
  'reconciliation_charge',
  'reconciliation_refund',
  'endpoint_usage',
] as const;
export const TransactionType = z.enum(transactionTypes);
export type TransactionType = z.infer<typeof TransactionType>;

// ---------------------------------------------------------------- resources

export const Actor = z.object({ id: z.string(), name: z.string(), role: Role }).meta({ id: 'Actor' });
export type Actor = z.infer<typeof Actor>;

export const Environment = z
  .object({
    name: z.string().meta({ description: 'Human name of the backend environment, e.g. "Local sandbox".' }),
    kind: EnvironmentKind,
  })
  .meta({ id: 'Environment' });
export type Environment = z.infer<typeof Environment>;

export const Me = z.object({ actor: Actor, environment: Environment }).meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const Plan = z
  .object({ id: z.string(), name: z.string(), default_monthly_credits: creditString })
  .meta({ id: 'Plan' });
export type Plan = z.infer<typeof Plan>;
export const PlanList = z.object({ data: z.array(Plan) }).meta({ id: 'PlanList' });
export type PlanList = z.infer<typeof PlanList>;

export const Wallet = z
  .object({
    balance: creditString.meta({ description: 'Sum of all the tenant’s transactions.' }),
    reserved: creditString.meta({
      description:
        'Credits held by reservations of not-yet-reconciled workloads. Already deducted from the balance; informational.',
    }),
    version: z.int().min(0).meta({
      description:
        'Number of ledger transactions of the tenant; increments with each one. Use it in If-Match.',
    }),
  })
  .meta({ id: 'Wallet' });
export type Wallet = z.infer<typeof Wallet>;

export const Tenant = z
  .object({
    id: tenantId,
    name: z.string(),
    status: TenantStatus,
    plan: z.string().nullable(),
    monthly_credits: creditString.nullable(),
    last_replenished_period: period.nullable(),
    wallet: Wallet,
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Tenant' });
export type Tenant = z.infer<typeof Tenant>;

export const Transaction = z
  .object({
    id: transactionId,
    tenant_id: tenantId,
    seq: z
      .int()
      .min(1)
      .meta({ description: 'Position in the tenant’s ledger, 1-based; equals wallet.version after it.' }),
    type: TransactionType,
    amount: creditString.meta({ description: 'Signed: credits added are positive, debits negative.' }),
    balance_after: creditString,
    reason: z.string(),
    actor: z.string().meta({ description: 'Id of the actor whose request wrote it (or "system").' }),
    workload_id: workloadId.nullable(),
    endpoint_id: endpointId.nullable(),
    window_start: timestamp
      .nullable()
      .meta({ description: 'endpoint_usage only: start of the metered window.' }),
    window_end: timestamp
      .nullable()
      .meta({ description: 'endpoint_usage only: end (exclusive) of the metered window.' }),
    idempotency_key: z.string().nullable(),
    created_at: timestamp,
  })
  .meta({ id: 'Transaction' });
export type Transaction = z.infer<typeof Transaction>;

export const WorkloadEvent = z
  .object({ status: WorkloadStatus, at: timestamp, message: z.string() })
  .meta({ id: 'WorkloadEvent' });
export type WorkloadEvent = z.infer<typeof WorkloadEvent>;

export const Workload = z
  .object({
    id: workloadId,
    tenant_id: tenantId,
    name: z.string(),
    source_url: z.string(),
    status: WorkloadStatus,
    estimate_credits: creditString,
    actual_credits: creditString.nullable(),
    reconciled_at: timestamp.nullable(),
    created_at: timestamp,
    updated_at: timestamp,
    events: z.array(WorkloadEvent).meta({ description: 'Status history, oldest first.' }),
  })
  .meta({ id: 'Workload' });
export type Workload = z.infer<typeof Workload>;

export const Endpoint = z
  .object({
    id: endpointId,
    tenant_id: tenantId,
    name: z.string(),
    status: EndpointStatus,
    rate_per_hour: creditString,
    last_metered_at: timestamp.meta({
      description: 'End of the last metered window; the next one starts here.',
    }),
    grace_expires_at: timestamp.nullable(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Endpoint' });
export type Endpoint = z.infer<typeof Endpoint>;

export const TransitionEntity = z.enum(['tenant', 'workload', 'endpoint']);
export const Transition = z
  .object({
    entity: TransitionEntity,
    id: z.string(),
    tenant_id: tenantId,
    field: z
      .string()
      .meta({ description: 'What changed: "status", "plan", "monthly_credits" or "reconciled".' }),
    from: z.string().nullable(),
    to: z.string().nullable(),
  })
  .meta({ id: 'Transition' });
export type Transition = z.infer<typeof Transition>;

export const WalletChange = z
  .object({ tenant_id: tenantId, balance_before: creditString, balance_after: creditString })
  .meta({ id: 'WalletChange' });
export type WalletChange = z.infer<typeof WalletChange>;

export const Effects = z
  .object({
    transactions: z.array(Transaction),
    wallets: z.array(WalletChange),
    transitions: z.array(Transition),
  })
  .meta({
    id: 'Effects',
    description:
      'Everything a mutation changes. A dry run returns exactly what the real request would commit.',
  });
export type Effects = z.infer<typeof Effects>;

export const DryRunResult = z.object({ dry_run: z.literal(true), effects: Effects }).meta({
  id: 'DryRunResult',
  description: 'Answer to any POST/PUT with ?dry_run=true. Nothing was written.',
});
export type DryRunResult = z.infer<typeof DryRunResult>;

export const AuditEntry = z
  .object({
    id: z.string(),
    at: timestamp,
    actor: z.string(),
    actor_role: Role,
    action: z
      .string()
      .meta({ description: 'e.g. "wallet.adjustment", "subscription.update", "metering.tick".' }),
    tenant_id: tenantId.nullable(),
    target_id: z.string().nullable(),
    method: z.string(),
    path: z.string(),
    request_body: z.unknown(),
    idempotency_key: z.string().nullable(),
    result: z.object({
      status: z.int(),
      transaction_ids: z.array(transactionId),
      transitions: z.array(Transition),
    }),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

// ---------------------------------------------------------------- mutation results

const committed = { dry_run: z.literal(false), effects: Effects };

export const WalletMutationResult = z
  .object({ ...committed, transaction: Transaction, wallet: Wallet })
  .meta({ id: 'WalletMutationResult' });
export type WalletMutationResult = z.infer<typeof WalletMutationResult>;

export const SubscriptionResult = z
  .object({ ...committed, tenant: Tenant })
  .meta({ id: 'SubscriptionResult' });
export type SubscriptionResult = z.infer<typeof SubscriptionResult>;

export const WorkloadCreateResult = z
  .object({ ...committed, workload: Workload, transaction: Transaction, wallet: Wallet })
  .meta({ id: 'WorkloadCreateResult' });
export type WorkloadCreateResult = z.infer<typeof WorkloadCreateResult>;

export const WorkloadCancelResult = z
  .object({ ...committed, workload: Workload })
  .meta({ id: 'WorkloadCancelResult' });
export type WorkloadCancelResult = z.infer<typeof WorkloadCancelResult>;

export const ReconciliationResult = z
  .object({
    ...committed,
    workload: Workload,
    transaction: Transaction.nullable().meta({ description: 'null when actual equals the estimate.' }),
    wallet: Wallet,
  })
  .meta({ id: 'ReconciliationResult' });
export type ReconciliationResult = z.infer<typeof ReconciliationResult>;

export const MeteringTickResult = z
  .object({
    ...committed,
    tick_at: timestamp,
    endpoints_metered: z.int().min(0),
    total_charged: creditString.meta({
      description: 'Sum of the endpoint_usage debits, as a positive amount.',
    }),
  })
  .meta({ id: 'MeteringTickResult' });
export type MeteringTickResult = z.infer<typeof MeteringTickResult>;

// ---------------------------------------------------------------- pages

function page<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      data: z.array(item),
      next_cursor: z
        .string()
        .nullable()
        .meta({ description: 'Pass as `cursor` for the next page; null on the last.' }),
    })
    .meta({ id });
}
export const TenantPage = page(Tenant, 'TenantPage');
export const TransactionPage = page(Transaction, 'TransactionPage');
export const WorkloadPage = page(Workload, 'WorkloadPage');
export const EndpointPage = page(Endpoint, 'EndpointPage');
export const AuditPage = page(AuditEntry, 'AuditPage');
export type Page<T> = { data: T[]; next_cursor: string | null };
export type TenantPage = z.infer<typeof TenantPage>;
export type TransactionPage = z.infer<typeof TransactionPage>;
export type WorkloadPage = z.infer<typeof WorkloadPage>;
export type EndpointPage = z.infer<typeof EndpointPage>;
export type AuditPage = z.infer<typeof AuditPage>;

// ---------------------------------------------------------------- errors

export const FieldError = z
  .object({
    field: z.string().meta({ description: 'Dotted path of the field, e.g. "amount" or "limit".' }),
    message: z.string(),
  })
  .meta({ id: 'FieldError' });
export type FieldError = z.infer<typeof FieldError>;

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    // A string, not an enum: a client must survive a code added by a newer backend (see isErrorCode).
    code: z.string().meta({
      description: `Machine-readable error code; switch on this, never on detail. Known codes: ${errorCodeList.join(', ')}.`,
      examples: ['precondition_failed'],
    }),
    instance: z.string().optional(),
    request_id: z.string().optional(),
    errors: z.array(FieldError).optional().meta({ description: 'Present on 422: every offending field.' }),
    wallet: Wallet.optional().meta({ description: 'Present on 412: the current wallet.' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json).' });
export type Problem = z.infer<typeof Problem>;

// ---------------------------------------------------------------- requests

const limitQuery = z.coerce
  .number()
  .int()
  .min(1)
  .max(500)
  .default(50)
  .meta({ description: 'Page size, 1–500.' });
const cursorQuery = z
  .string()
  .min(1)
  .max(1000)
  .optional()
  .meta({ description: 'Opaque cursor from next_cursor.' });
const boolQuery = z.enum(['true', 'false']);
export const paging = { limit: limitQuery, cursor: cursorQuery };

export const DryRunQuery = z.object({
  dry_run: boolQuery.optional().meta({ description: 'true: validate and preview, write nothing.' }),
});

export const TenantListQuery = z.object({
  ...paging,
  q: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'Case-insensitive substring of the tenant name or id.' }),
  status: TenantStatus.optional(),
});
export const TransactionListQuery = z.object({
  ...paging,
  type: TransactionType.optional(),
  since: timestampQuery.optional().meta({ description: 'created_at ≥ since.' }),
  until: timestampQuery.optional().meta({ description: 'created_at < until.' }),
  q: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'Case-insensitive substring of the reason, or an exact transaction id.' }),
  after_seq: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .meta({ description: 'Only transactions with seq greater than this (incremental sync of one tenant).' }),
});
export const AdminTransactionListQuery = TransactionListQuery.extend({
  tenant_id: tenantId.optional(),
  actor: z.string().optional(),
});
export const WorkloadListQuery = z.object({
  ...paging,
  status: WorkloadStatus.optional(),
  reconciled: boolQuery.optional(),
  terminal: boolQuery
    .optional()
    .meta({ description: 'true: succeeded, failed or cancelled only; false: still in progress.' }),
  q: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'Case-insensitive substring of the name or source URL, or an exact workload id.' }),
});
export const AdminWorkloadListQuery = WorkloadListQuery.extend({ tenant_id: tenantId.optional() });
export const EndpointListQuery = z.object({ ...paging, status: EndpointStatus.optional() });
export const AdminEndpointListQuery = EndpointListQuery.extend({ tenant_id: tenantId.optional() });
export const AuditListQuery = z.object({
  ...paging,
  tenant_id: tenantId.optional(),
  actor: z.string().optional(),
  action: z.string().optional(),
  since: timestampQuery.optional(),
  until: timestampQuery.optional(),
});

const reasonField = z
  .string()
  .max(500, 'must be at most 500 characters')
  .refine((s) => s.trim().length > 0, 'must not be blank')
  .meta({
    description: 'Why; persisted on the transaction for audit. Required, non-blank, ≤ 500 characters.',
  });

/** https URL whose path ends in .ipynb or .py (the query string is ignored). */
export const sourceUrl = z
  .string()
  .max(2048)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be an absolute URL' });
      return;
    }
    if (url.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: 'must use https' });
    else if (!/\.(ipynb|py)$/i.test(url.pathname)) {
      ctx.addIssue({ code: 'custom', message: 'path must end in .ipynb or .py' });
    }
  })
  .meta({
    description:
      'https URL of a notebook or script; its path must end in .ipynb or .py (query string ignored).',
    format: 'uri',
    examples: ['https://github.com/acme/models/blob/main/train.ipynb'],
  });

export const CreateWorkloadBody = z
  .strictObject({
    source_url: sourceUrl,
    name: z.string().max(200).optional().meta({ description: 'Defaults to the file name of source_url.' }),
  })
  .meta({ id: 'CreateWorkloadBody' });
export type CreateWorkloadBody = z.input<typeof CreateWorkloadBody>;

export const SubscriptionBody = z
  .strictObject({
    plan: z.string().min(1).max(100).meta({ description: 'A plan id from GET /v1/plans.' }),
    monthly_credits: positiveCreditString,
    activate: z.boolean().meta({ description: 'Move the tenant from pending_subscription to active.' }),
    issue_first_month: z.boolean().meta({
      description: 'Write a subscription_grant of monthly_credits now; counts as this month’s replenishment.',
    }),
  })
  .meta({ id: 'SubscriptionBody' });
export type SubscriptionBody = z.input<typeof SubscriptionBody>;

export const AdjustmentBody = z
  .strictObject({
    kind: z.enum(['adjustment', 'top_up']),
    amount: anyCreditString.meta({ description: 'top_up: > 0. adjustment: ≠ 0, may be negative.' }),
    reason: reasonField,
  })
  .superRefine((body, ctx) => {
    // Sign rules depend on the kind, so they are checked on the whole object.
    const sign = body.kind === 'top_up' ? positiveCreditString : nonZeroCreditString;
    const result = sign.safeParse(body.amount);
    if (!result.success && /^-?[0-9]/.test(body.amount)) {
      for (const issue of result.error.issues) {
        ctx.addIssue({
          code: 'custom',
          path: ['amount'],
          message: body.kind === 'top_up' ? 'top_up amount must be greater than 0' : issue.message,
        });
      }
    }
  })
  .meta({ id: 'AdjustmentBody' });
export type AdjustmentBody = z.input<typeof AdjustmentBody>;

export const ReplenishmentBody = z
  .strictObject({
    amount: z
      .union([positiveCreditString, z.literal(''), z.null()])
      .optional()
      .meta({ description: 'Blank, null or absent: the tenant’s monthly_credits.' }),
  })
  .meta({ id: 'ReplenishmentBody' });
export type ReplenishmentBody = z.input<typeof ReplenishmentBody>;

export const ReconciliationBody = z
  .strictObject({ actual_credits: nonNegativeCreditString })
  .meta({ id: 'ReconciliationBody' });
export type ReconciliationBody = z.input<typeof ReconciliationBody>;

export const EmptyBody = z.strictObject({}).meta({ id: 'EmptyBody' });

// ---------------------------------------------------------------- sandbox-only controls

export const SandboxClock = z
  .object({ now: timestamp, mode: z.enum(['real', 'manual']) })
  .meta({ id: 'SandboxClock' });
export type SandboxClock = z.infer<typeof SandboxClock>;
export const SandboxClockBody = z
  .strictObject({
    advance_seconds: z
      .number()
      .int()
      .min(0)
      .max(10 * 366 * 86_400)
      .optional(),
    set_to: timestamp.optional().meta({ description: 'Move the clock to this instant (never backwards).' }),
  })
  .meta({ id: 'SandboxClockBody' });

export const SandboxFaults = z
  .object({
    remaining: z.int().min(0),
    latency_ms: z.int().min(0),
    error_status: z.int().nullable(),
    retry_after_seconds: z.int().nullable(),
    drop_after_commit: z.boolean(),
    method: z.string().nullable(),
    path_prefix: z.string().nullable(),
  })
  .meta({ id: 'SandboxFaults' });
export type SandboxFaults = z.infer<typeof SandboxFaults>;
export const SandboxFaultsBody = z
  .strictObject({
    count: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .meta({ description: 'How many following /v1 requests get the fault.' }),
    latency_ms: z.number().int().min(0).max(60_000).optional(),
    error_status: z.number().int().min(400).max(599).optional(),
    retry_after_seconds: z
      .number()
      .int()
      .min(0)
      .max(3600)
      .optional()
      .meta({ description: 'With error_status: also send Retry-After with this many seconds.' }),
    drop_after_commit: z.boolean().optional(),
    method: z.enum(['GET', 'POST', 'PUT']).optional(),
    path_prefix: z.string().startsWith('/v1').optional(),
  })
  .meta({ id: 'SandboxFaultsBody' });
export type SandboxFaultsBody = z.input<typeof SandboxFaultsBody>;

export const SandboxCreateTenantBody = z
  .strictObject({
    name: z.string().min(1).max(200),
    status: TenantStatus.optional(),
  })
  .meta({ id: 'SandboxCreateTenantBody' });
export const SandboxCreateEndpointBody = z
  .strictObject({
    tenant_id: tenantId,
    name: z.string().min(1).max(200),
    rate_per_hour: positiveCreditString,
    status: EndpointStatus.optional(),
  })
  .meta({ id: 'SandboxCreateEndpointBody' });
export const SandboxTenantStatusBody = z
  .strictObject({ status: TenantStatus })
  .meta({ id: 'SandboxTenantStatusBody' });

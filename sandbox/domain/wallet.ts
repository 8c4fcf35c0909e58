import { formatCredits } from '../../shared/money';
import { periodOf } from './clock';
import type { Ctx } from './context';
import { ApiError } from './errors';
import { formatId } from './ids';
import { isKnownPlan } from './plans';
import type { TenantRow, TransactionRow } from './repo';

export interface SubscriptionInput {
  plan: string;
  monthlyCredits: bigint;
  activate: boolean;
  issueFirstMonth: boolean;
}

export function updateSubscription(ctx: Ctx, tenant: TenantRow, input: SubscriptionInput): void {
  const id = formatId('tenant', tenant.n);
  if (!isKnownPlan(input.plan)) {
    throw new ApiError('unknown_plan', `"${input.plan}" is not a plan this backend recognises.`, {
      errors: [{ field: 'plan', message: 'must be one of the plans from GET /v1/plans' }],
    });
  }
  let status = tenant.status;
  if (input.activate) {
    if (tenant.status === 'suspended') {
      throw new ApiError(
        'tenant_suspended',
        `Tenant ${id} is suspended; a subscription change cannot reactivate it.`,
      );
    }
    status = 'active';
  }
  const period = periodOf(ctx.now);
  let lastPeriod = tenant.last_replenished_period;
  if (input.issueFirstMonth) {
    if (status !== 'active') {
      throw new ApiError(
        'tenant_not_active',
        `Tenant ${id} is ${status}; activate it to issue the first month.`,
      );
    }
    if (lastPeriod === period) {
      throw new ApiError('already_replenished', `Tenant ${id} already received its credits for ${period}.`);
    }
    lastPeriod = period;
  }
  ctx.sql
    .get(
      'UPDATE tenants SET status = ?, plan = ?, monthly_credits = ?, last_replenished_period = ?, updated_at = ? WHERE n = ?',
    )
    .run(status, input.plan, input.monthlyCredits, lastPeriod, ctx.now, tenant.n);
  ctx.transition('tenant', id, tenant.n, 'status', tenant.status, status);
  ctx.transition('tenant', id, tenant.n, 'plan', tenant.plan, input.plan);
  ctx.transition(
    'tenant',
    id,
    tenant.n,
    'monthly_credits',
    tenant.monthly_credits === null ? null : formatCredits(tenant.monthly_credits),
    formatCredits(input.monthlyCredits),
  );
  if (input.issueFirstMonth) {
    ctx.transition('tenant', id, tenant.n, 'last_replenished_period', tenant.last_replenished_period, period);
    ctx.appendTransaction({
      tenantN: tenant.n,
      type: 'subscription_grant',
      amount: input.monthlyCredits,
      reason: `First month of plan ${input.plan} (${period})`,
    });
  }
}

export function adjustWallet(
  ctx: Ctx,
  tenant: TenantRow,
  kind: 'adjustment' | 'top_up',
  amount: bigint,
  reason: string,
): TransactionRow {
  return ctx.appendTransaction({ tenantN: tenant.n, type: kind, amount, reason });
}

export function replenishWallet(ctx: Ctx, tenant: TenantRow, override: bigint | null): TransactionRow {
  const id = formatId('tenant', tenant.n);
  if (tenant.status !== 'active') {
    throw new ApiError(
      'tenant_not_active',
      `Tenant ${id} is ${tenant.status}; only active tenants are replenished.`,
    );
  }
  if (tenant.plan === null || tenant.monthly_credits === null) {
    throw new ApiError('no_plan', `Tenant ${id} has no subscription plan.`);
  }
  const period = periodOf(ctx.now);
  if (tenant.last_replenished_period === period) {
    throw new ApiError('already_replenished', `Tenant ${id} already received its credits for ${period}.`);
  }
  ctx.sql.get('UPDATE tenants SET last_replenished_period = ? WHERE n = ?').run(period, tenant.n);
  ctx.transition('tenant', id, tenant.n, 'last_replenished_period', tenant.last_replenished_period, period);
  const amount = override ?? tenant.monthly_credits;
  return ctx.appendTransaction({
    tenantN: tenant.n,
    type: 'replenishment',
    amount,
    reason:
      override === null
        ? `Monthly replenishment ${period} (plan ${tenant.plan})`
        : `Monthly replenishment ${period} (custom amount ${formatCredits(override)})`,
  });
}

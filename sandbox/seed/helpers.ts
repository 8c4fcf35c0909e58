import type { TenantStatus } from '../../shared/api';
import { meteredUnits, parseCredits } from '../../shared/money';
import { iso } from '../domain/clock';
import { Ctx } from '../domain/context';
import type { StatementCache } from '../store/db';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const SEED_ACTOR = { id: 'system', role: 'admin' } as const;

export function ctxAt(sql: StatementCache, at: number, actorId = 'system'): Ctx {
  return new Ctx(sql, at, { id: actorId, role: 'admin' }, null);
}

export function insertTenant(
  sql: StatementCache,
  name: string,
  status: TenantStatus,
  createdAt: number,
  plan: { id: string; monthly: string } | null = null,
): bigint {
  const info = sql
    .get(
      'INSERT INTO tenants (name, status, plan, monthly_credits, created_at, updated_at) VALUES (?,?,?,?,?,?)',
    )
    .run(name, status, plan?.id ?? null, plan ? parseCredits(plan.monthly) : null, createdAt, createdAt);
  return BigInt(info.lastInsertRowid);
}

export function insertEndpoint(
  sql: StatementCache,
  tenantN: bigint,
  name: string,
  rate: string,
  createdAt: number,
): bigint {
  const info = sql
    .get(
      `INSERT INTO endpoints (tenant_n, name, status, rate_per_hour, metering_anchor, last_metered_at, created_at, updated_at)
       VALUES (?, ?, 'active', ?, ?, ?, ?, ?)`,
    )
    .run(tenantN, name, parseCredits(rate), createdAt, createdAt, createdAt, createdAt);
  return BigInt(info.lastInsertRowid);
}

/**
 * Meters one window [start, end) of an endpoint exactly as a metering tick
 * would (cumulative-floor rounding from the endpoint's anchor) and moves its
 * last_metered_at to `end`. Seeds call it once per window, in time order.
 */
export function meterWindow(ctx: Ctx, endpointN: bigint, start: number, end: number): void {
  const endpoint = ctx.sql.get('SELECT * FROM endpoints WHERE n = ?').get(endpointN) as {
    tenant_n: bigint;
    name: string;
    rate_per_hour: bigint;
    metering_anchor: bigint;
  };
  const charge = meteredUnits(endpoint.rate_per_hour, endpoint.metering_anchor, BigInt(start), BigInt(end));
  if (charge > 0n) {
    ctx.appendTransaction({
      tenantN: endpoint.tenant_n,
      type: 'endpoint_usage',
      amount: -charge,
      reason: `Usage of endpoint ${endpoint.name} from ${iso(start)} to ${iso(end)}`,
      endpointN,
      windowStart: start,
      windowEnd: end,
    });
  }
  ctx.sql
    .get('UPDATE endpoints SET last_metered_at = ?, updated_at = ? WHERE n = ?')
    .run(end, end, endpointN);
}

/** Back-to-back windows of `stepMs` from `from` while they end at or before `until`. */
export function windows(from: number, stepMs: number, until: number): [number, number][] {
  const list: [number, number][] = [];
  for (let start = from; start + stepMs <= until; start += stepMs) list.push([start, start + stepMs]);
  return list;
}

/** Start of the calendar month (UTC) containing `ms`, offset by `deltaMonths`. */
export function monthStart(ms: number, deltaMonths = 0): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + deltaMonths, 1);
}

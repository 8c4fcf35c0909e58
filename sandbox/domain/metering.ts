import { meteredUnits } from '../../shared/money';
import { iso } from './clock';
import type { Ctx } from './context';
import { formatId } from './ids';
import type { EndpointRow } from './repo';

export interface TickSummary {
  endpointsMetered: number;
  totalCharged: bigint;
}

/**
 * One metering tick at ctx.now (T).
 *
 * 1. Every active or depleted_grace endpoint is charged for [last_metered_at, T)
 *    and its last_metered_at moves to T, so windows are back to back and a
 *    repeated tick at the same T charges nothing. The amount uses the
 *    cumulative-floor rule of `meteredUnits`; a window that rounds to 0 writes
 *    no transaction but still advances, losing nothing.
 * 2. Per tenant, on the statuses the endpoints had before this tick:
 *    active with balance ≤ 0 → depleted_grace (grace_expires_at = T + grace);
 *    depleted_grace with balance > 0 → active;
 *    depleted_grace with balance ≤ 0 and T ≥ grace_expires_at → suspended.
 *    Suspended endpoints are not metered.
 */
export function runMeteringTick(ctx: Ctx, graceMs: number): TickSummary {
  const T = ctx.now;
  const endpoints = ctx.sql
    .get("SELECT * FROM endpoints WHERE status IN ('active', 'depleted_grace') ORDER BY tenant_n, n")
    .all() as EndpointRow[];
  let totalCharged = 0n;
  for (const endpoint of endpoints) {
    const start = Number(endpoint.last_metered_at);
    if (T <= start) continue;
    const charge = meteredUnits(endpoint.rate_per_hour, endpoint.metering_anchor, BigInt(start), BigInt(T));
    if (charge > 0n) {
      ctx.appendTransaction({
        tenantN: endpoint.tenant_n,
        type: 'endpoint_usage',
        amount: -charge,
        reason: `Usage of endpoint ${endpoint.name} from ${iso(start)} to ${iso(T)}`,
        endpointN: endpoint.n,
        windowStart: start,
        windowEnd: T,
      });
      totalCharged += charge;
    }
    ctx.sql.get('UPDATE endpoints SET last_metered_at = ?, updated_at = ? WHERE n = ?').run(T, T, endpoint.n);
  }

  const balances = new Map<bigint, bigint>();
  const balanceOf = (tenantN: bigint): bigint => {
    let balance = balances.get(tenantN);
    if (balance === undefined) {
      balance = (ctx.sql.get('SELECT balance FROM tenants WHERE n = ?').get(tenantN) as { balance: bigint })
        .balance;
      balances.set(tenantN, balance);
    }
    return balance;
  };
  const move = (endpoint: EndpointRow, to: EndpointRow['status'], graceExpiresAt: number | null): void => {
    ctx.sql
      .get('UPDATE endpoints SET status = ?, grace_expires_at = ?, updated_at = ? WHERE n = ?')
      .run(to, graceExpiresAt, T, endpoint.n);
    ctx.transition(
      'endpoint',
      formatId('endpoint', endpoint.n),
      endpoint.tenant_n,
      'status',
      endpoint.status,
      to,
    );
  };
  for (const endpoint of endpoints) {
    const balance = balanceOf(endpoint.tenant_n);
    if (endpoint.status === 'active' && balance <= 0n) move(endpoint, 'depleted_grace', T + graceMs);
    else if (endpoint.status === 'depleted_grace' && balance > 0n) move(endpoint, 'active', null);
    else if (
      endpoint.status === 'depleted_grace' &&
      endpoint.grace_expires_at !== null &&
      T >= Number(endpoint.grace_expires_at)
    ) {
      move(endpoint, 'suspended', null);
    }
  }
  return { endpointsMetered: endpoints.length, totalCharged };
}

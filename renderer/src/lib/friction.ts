import { parseCredits, tryParseCredits } from '../../../shared/money';
import type { Effects, MutationRequest, Preview } from '../bridge/types';

/**
 * How much the operator must do before a mutation commits. Friction grows
 * with risk: small changes get a plain confirm; anything that takes credits
 * away or moves more than the configured threshold needs the tenant id typed;
 * a global action on production needs the environment's name typed.
 */
export type Friction =
  | { level: 'plain'; reasons: string[] }
  | { level: 'type'; expected: string; what: 'tenant id' | 'environment name'; reasons: string[] };

function largestMove(effects: Effects): bigint {
  let max = 0n;
  for (const t of effects.transactions) {
    const units = parseCredits(t.amount);
    const abs = units < 0n ? -units : units;
    if (abs > max) max = abs;
  }
  return max;
}

export function frictionFor(request: MutationRequest, preview: Preview, confirmThreshold: string): Friction {
  if (request.operation === 'metering.tick') {
    if (preview.environment.kind === 'production') {
      return {
        level: 'type',
        expected: preview.environment.name,
        what: 'environment name',
        reasons: ['This is a global action on production: it meters every tenant.'],
      };
    }
    return { level: 'plain', reasons: [] };
  }
  const reasons: string[] = [];
  if (request.operation === 'wallet.adjust') {
    const amount = tryParseCredits(request.payload.amount);
    if (amount.ok && amount.units < 0n)
      reasons.push('A negative adjustment takes credits away from the tenant.');
  }
  const threshold = tryParseCredits(confirmThreshold);
  if (threshold.ok && largestMove(preview.effects) > threshold.units) {
    reasons.push(`It moves more than the confirmation threshold of ${confirmThreshold} credits (Settings).`);
  }
  const tenantId = preview.tenantId;
  if (reasons.length > 0 && tenantId) {
    return { level: 'type', expected: tenantId, what: 'tenant id', reasons };
  }
  return { level: 'plain', reasons };
}

export type BlastRadius = {
  endpointsMetered: number;
  credits: bigint;
  tenants: number;
  intoGrace: string[];
  intoSuspended: string[];
  reactivated: string[];
};

/** The metering tick's blast radius, computed only from the server's previewed effects. */
export function blastRadius(effects: Effects): BlastRadius {
  const usage = effects.transactions.filter((t) => t.type === 'endpoint_usage');
  let credits = 0n;
  for (const t of usage) credits += -parseCredits(t.amount);
  const tenantsCrossing = (to: string) =>
    [
      ...new Set(
        effects.transitions.filter((t) => t.field === 'status' && t.to === to).map((t) => t.tenant_id),
      ),
    ].sort();
  return {
    endpointsMetered: new Set(usage.map((t) => t.endpoint_id)).size,
    credits,
    tenants: new Set(usage.map((t) => t.tenant_id)).size,
    intoGrace: tenantsCrossing('depleted_grace'),
    intoSuspended: tenantsCrossing('suspended'),
    reactivated: [
      ...new Set(
        effects.transitions
          .filter((t) => t.field === 'status' && t.to === 'active' && t.entity === 'endpoint')
          .map((t) => t.tenant_id),
      ),
    ].sort(),
  };
}

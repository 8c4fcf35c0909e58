import { describe, expect, it } from 'vitest';
import type { MutationRequest } from '../../renderer/src/bridge/types';
import { blastRadius, frictionFor } from '../../renderer/src/lib/friction';
import { preview, transaction } from './support/fake-bridge';

const adjust = (amount: string, kind: 'adjustment' | 'top_up' = 'adjustment'): MutationRequest => ({
  operation: 'wallet.adjust',
  payload: { tenantId: 'ten_000001', kind, amount, reason: 'x' },
});

describe('confirm friction', () => {
  it('is a plain confirm for a small positive change', () => {
    expect(frictionFor(adjust('25', 'top_up'), preview(), '1000').level).toBe('plain');
  });

  it('needs the tenant id typed for a negative adjustment', () => {
    const p = preview({
      effects: {
        transactions: [transaction(4, { type: 'adjustment', amount: '-10', balance_after: '490' })],
        wallets: [{ tenant_id: 'ten_000001', balance_before: '500', balance_after: '490' }],
        transitions: [],
      },
    });
    const f = frictionFor(adjust('-10'), p, '1000');
    expect(f).toMatchObject({ level: 'type', expected: 'ten_000001', what: 'tenant id' });
  });

  it('needs the tenant id typed above the threshold, not at it', () => {
    const at = preview({
      effects: { ...preview().effects, transactions: [transaction(4, { amount: '1000' })] },
    });
    const above = preview({
      effects: { ...preview().effects, transactions: [transaction(4, { amount: '1000.0001' })] },
    });
    expect(frictionFor(adjust('1000', 'top_up'), at, '1000').level).toBe('plain');
    expect(frictionFor(adjust('1000.0001', 'top_up'), above, '1000')).toMatchObject({
      level: 'type',
      expected: 'ten_000001',
    });
  });

  it('counts debits by magnitude (a large refund or charge is as risky as a large top-up)', () => {
    const p = preview({
      effects: { ...preview().effects, transactions: [transaction(4, { amount: '-5000' })] },
    });
    const f = frictionFor(
      { operation: 'workload.reconcile', payload: { workloadId: 'wl_1', actualCredits: '9000' } },
      p,
      '1000',
    );
    expect(f.level).toBe('type');
  });

  it('needs the environment name typed for a metering tick on production only', () => {
    const tick: MutationRequest = { operation: 'metering.tick', payload: {} };
    const prod = preview({ tenantId: null, environment: { name: 'Production EU', kind: 'production' } });
    expect(frictionFor(tick, prod, '1000')).toMatchObject({
      level: 'type',
      expected: 'Production EU',
      what: 'environment name',
    });
    const staging = preview({ tenantId: null, environment: { name: 'Staging', kind: 'staging' } });
    expect(frictionFor(tick, staging, '1000').level).toBe('plain');
  });
});

describe('metering tick blast radius', () => {
  it('counts endpoints, credits and tenants crossing into grace or suspension from the effects', () => {
    const b = blastRadius({
      transactions: [
        transaction(1, { type: 'endpoint_usage', amount: '-1.5', endpoint_id: 'ep_1', tenant_id: 'ten_a' }),
        transaction(2, { type: 'endpoint_usage', amount: '-2', endpoint_id: 'ep_2', tenant_id: 'ten_b' }),
      ],
      wallets: [],
      transitions: [
        {
          entity: 'endpoint',
          id: 'ep_1',
          tenant_id: 'ten_a',
          field: 'status',
          from: 'active',
          to: 'depleted_grace',
        },
        {
          entity: 'endpoint',
          id: 'ep_2',
          tenant_id: 'ten_b',
          field: 'status',
          from: 'depleted_grace',
          to: 'suspended',
        },
        {
          entity: 'tenant',
          id: 'ten_b',
          tenant_id: 'ten_b',
          field: 'status',
          from: 'active',
          to: 'suspended',
        },
      ],
    });
    expect(b).toEqual({
      endpointsMetered: 2,
      credits: 35_000n,
      tenants: 2,
      intoGrace: ['ten_a'],
      intoSuspended: ['ten_b'],
      reactivated: [],
    });
  });
});

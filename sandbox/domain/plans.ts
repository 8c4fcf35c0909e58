import type { Plan } from '../../shared/api';

/** Plans this backend recognises. Subscription `plan` must be one of these ids. */
export const plans: readonly Plan[] = [
  { id: 'starter', name: 'Starter', default_monthly_credits: '500' },
  { id: 'team', name: 'Team', default_monthly_credits: '5000' },
  { id: 'enterprise', name: 'Enterprise', default_monthly_credits: '50000' },
];

export function isKnownPlan(id: string): boolean {
  return plans.some((plan) => plan.id === id);
}

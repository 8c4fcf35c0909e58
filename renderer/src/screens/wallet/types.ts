export const TRANSACTION_TYPES = [
  'subscription_grant',
  'replenishment',
  'top_up',
  'adjustment',
  'reservation',
  'reconciliation_charge',
  'reconciliation_refund',
  'endpoint_usage',
] as const;

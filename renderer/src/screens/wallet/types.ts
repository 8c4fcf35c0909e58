import type { TransactionType } from '../../../../shared/api/schemas';

/**
 * The filter's options. A literal copy of the contract's list, so that the
 * renderer bundle stays free of zod; `satisfies` and the exhaustiveness check
 * below fail the typecheck if the contract gains or loses a type.
 */
export const TRANSACTION_TYPES = [
  'subscription_grant',
  'replenishment',
  'top_up',
  'adjustment',
  'reservation',
  'reconciliation_charge',
  'reconciliation_refund',
  'endpoint_usage',
] as const satisfies readonly TransactionType[];

type Unlisted = Exclude<TransactionType, (typeof TRANSACTION_TYPES)[number]>;
export const everyTransactionTypeListed: [Unlisted] extends [never] ? true : Unlisted = true;

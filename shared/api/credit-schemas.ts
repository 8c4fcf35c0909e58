import { z } from 'zod';
import { CREDIT_PATTERN, CREDIT_RE, explainInvalidCredits, parseCredits } from '../money';

// Zod schemas for credit amounts on the wire, built on the pure helpers in `shared/money.ts`.

/** A credit amount on the wire: any sign. */
export const creditString = z
  .string()
  .regex(CREDIT_RE, {
    message: 'must be a decimal credit amount with at most 4 decimal places, e.g. "120.5"',
  })
  .meta({
    description:
      'Credit amount as a decimal string with at most 4 fractional digits (never a binary float), e.g. "120.5", "-10", "0.0001".',
    examples: ['120.5'],
  });

/** Parse error messages from zod are replaced by the precise explanation above. */
function creditRefined(check: (units: bigint) => boolean, requirement: string) {
  return z.string().superRefine((value, ctx) => {
    const problem = explainInvalidCredits(value);
    if (problem !== null) {
      ctx.addIssue({ code: 'custom', message: problem });
      return;
    }
    if (!check(parseCredits(value))) ctx.addIssue({ code: 'custom', message: requirement });
  });
}

/** Request-side credit schemas with sign rules; their JSON Schema is the same pattern as creditString. */
export const positiveCreditString = creditRefined((u) => u > 0n, 'must be greater than 0').meta({
  description: 'Credit amount greater than zero, decimal string with at most 4 fractional digits.',
  pattern: CREDIT_PATTERN,
  examples: ['100'],
});
export const nonNegativeCreditString = creditRefined((u) => u >= 0n, 'must not be negative').meta({
  description: 'Credit amount of zero or more, decimal string with at most 4 fractional digits.',
  pattern: CREDIT_PATTERN,
  examples: ['42.5'],
});
export const nonZeroCreditString = creditRefined((u) => u !== 0n, 'must not be 0').meta({
  description: 'Non-zero credit amount (may be negative), decimal string with at most 4 fractional digits.',
  pattern: CREDIT_PATTERN,
  examples: ['-10'],
});
export const anyCreditString = creditRefined(() => true, '').meta({
  description: 'Credit amount, decimal string with at most 4 fractional digits.',
  pattern: CREDIT_PATTERN,
});

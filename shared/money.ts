/**
 * Credits on the wire are decimal strings with at most four fractional digits
 * ("120.5", "-10", "0.0001"). In code they are bigint counts of ten-thousandths
 * of a credit ("units"), so no ledger arithmetic ever touches a binary float.
 *
 * This module is shared by the app, the renderer and the sandbox and must stay
 * pure TS with no dependencies: the wire schemas built on it live in
 * `api/credit-schemas.ts`, so the renderer can use it without bundling zod.
 */

/** Units per credit: one unit is 0.0001 credit. */
export const UNITS_PER_CREDIT = 10_000n;

/** Milliseconds per hour: endpoint rates are per hour, metering windows are in ms. */
export const MS_PER_HOUR = 3_600_000n;

/**
 * Largest magnitude accepted by `parseCredits`: 14 integer digits keep every
 * amount (and the sum of very many of them) far inside a signed 64-bit integer,
 * which is what SQLite stores.
 */
export const MAX_INTEGER_DIGITS = 14;

/**
 * The wire grammar: optional minus, integer part without leading zeros, then
 * optionally a dot and 1–4 digits. No exponent, no plus sign, no whitespace,
 * no thousands separators, no bare "." or "5.".
 */
export const CREDIT_PATTERN = `^-?(0|[1-9][0-9]{0,${MAX_INTEGER_DIGITS - 1}})(\\.[0-9]{1,4})?$`;
export const CREDIT_RE = new RegExp(CREDIT_PATTERN);

export class MoneyParseError extends Error {
  constructor(
    readonly input: unknown,
    reason: string,
  ) {
    super(`invalid credit amount ${JSON.stringify(input)}: ${reason}`);
    this.name = 'MoneyParseError';
  }
}

/** Explains, in words an operator understands, why a string is not a credit amount. */
export function explainInvalidCredits(input: string): string | null {
  if (input.length === 0) return 'must not be empty';
  if (input.trim() !== input) return 'must not contain leading or trailing spaces';
  if (/[eE]/.test(input)) return 'exponent notation is not allowed; write the digits out';
  if (input.startsWith('+')) return 'a leading plus sign is not allowed';
  if (/,|_/.test(input)) return 'thousands separators are not allowed';
  const fraction = /\.([0-9]*)$/.exec(input);
  if (fraction && (fraction[1] ?? '').length > 4) return 'at most 4 decimal places are allowed';
  if (fraction && (fraction[1] ?? '').length === 0) return 'a decimal point must be followed by digits';
  if (/^-?0[0-9]/.test(input)) return 'leading zeros are not allowed';
  const integerPart = input.replace(/^-/, '').split('.')[0] ?? '';
  if (/^[0-9]+$/.test(integerPart) && integerPart.length > MAX_INTEGER_DIGITS) {
    return `at most ${MAX_INTEGER_DIGITS} digits before the decimal point are allowed`;
  }
  if (!CREDIT_RE.test(input)) return 'must be a decimal number such as "120.5" or "-10"';
  return null;
}

export function isCreditString(input: unknown): input is string {
  return typeof input === 'string' && CREDIT_RE.test(input);
}

/** Parses a wire credit string into units. Throws MoneyParseError with a readable reason. */
export function parseCredits(input: string): bigint {
  if (typeof input !== 'string') throw new MoneyParseError(input, 'must be a string');
  const problem = explainInvalidCredits(input);
  if (problem !== null) throw new MoneyParseError(input, problem);
  const negative = input.startsWith('-');
  const [whole = '0', frac = ''] = (negative ? input.slice(1) : input).split('.');
  const units = BigInt(whole) * UNITS_PER_CREDIT + BigInt(frac.padEnd(4, '0'));
  return negative ? -units : units;
}

/** Non-throwing variant for form validation. */
export function tryParseCredits(input: string): { ok: true; units: bigint } | { ok: false; error: string } {
  const problem = typeof input === 'string' ? explainInvalidCredits(input) : 'must be a string';
  if (problem !== null) return { ok: false, error: problem };
  return { ok: true, units: parseCredits(input) };
}

/** Canonical wire form: no trailing fractional zeros, no "-0", e.g. "-10", "0.5", "120.0001". */
export function formatCredits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / UNITS_PER_CREDIT;
  const frac = (abs % UNITS_PER_CREDIT).toString().padStart(4, '0').replace(/0+$/, '');
  const body = frac.length > 0 ? `${whole}.${frac}` : `${whole}`;
  return negative && abs !== 0n ? `-${body}` : body;
}

/** Re-emits any valid credit string in canonical form ("10.50" → "10.5"). */
export function normalizeCredits(input: string): string {
  return formatCredits(parseCredits(input));
}

/**
 * Credits consumed by an endpoint with `ratePerHourUnits` between two instants
 * measured from the same metering anchor. Rounding rule: the charge for a
 * window is floor(rate × (end − anchor) / 1 h) − floor(rate × (start − anchor) / 1 h).
 * Because each window is a difference of cumulative floors, back-to-back
 * windows sum exactly to the charge of one window spanning them all: no
 * fraction of a unit is ever lost or charged twice, however often the meter ticks.
 */
export function meteredUnits(
  ratePerHourUnits: bigint,
  anchorMs: bigint,
  startMs: bigint,
  endMs: bigint,
): bigint {
  if (ratePerHourUnits < 0n) throw new RangeError('rate must not be negative');
  if (endMs <= startMs) return 0n;
  const cumulative = (t: bigint): bigint => (ratePerHourUnits * (t - anchorMs)) / MS_PER_HOUR;
  return cumulative(endMs) - cumulative(startMs);
}

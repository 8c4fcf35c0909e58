import { formatCredits, parseCredits, tryParseCredits } from '../../../shared/money';

export { formatCredits, parseCredits, tryParseCredits };

/** Groups the integer part with thin, locale-neutral commas; never rounds. */
export function displayCredits(wire: string, opts: { sign?: boolean } = {}): string {
  const units = parseCredits(wire);
  const canonical = formatCredits(units < 0n ? -units : units);
  const [whole = '0', frac] = canonical.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = frac ? `${grouped}.${frac}` : grouped;
  if (units < 0n) return `−${body}`;
  if (opts.sign && units > 0n) return `+${body}`;
  return body;
}

/** Same as displayCredits for bigint units. */
export function displayUnits(units: bigint, opts: { sign?: boolean } = {}): string {
  return displayCredits(formatCredits(units), opts);
}

export function sumCredits(values: readonly string[]): bigint {
  let total = 0n;
  for (const v of values) total += parseCredits(v);
  return total;
}

export type Runway =
  | { kind: 'no_burn' }
  | { kind: 'exhausted' }
  | { kind: 'hours'; hours: bigint; lessThanOne: boolean };

/**
 * How long the balance lasts at the current burn: floor(balance / Σ rate).
 * Integer arithmetic on units, so 100 / 3 per hour is "33 hours", never 33.33….
 */
export function runway(balance: string, ratesPerHour: readonly string[]): Runway {
  const burn = sumCredits(ratesPerHour);
  if (burn <= 0n) return { kind: 'no_burn' };
  const units = parseCredits(balance);
  if (units <= 0n) return { kind: 'exhausted' };
  const hours = units / burn;
  return { kind: 'hours', hours, lessThanOne: hours === 0n };
}

export function describeRunway(r: Runway): string {
  switch (r.kind) {
    case 'no_burn':
      return 'No active endpoints are burning credits.';
    case 'exhausted':
      return 'The balance is exhausted at the current burn.';
    case 'hours':
      if (r.lessThanOne) return 'The balance lasts less than an hour at the current burn.';
      return `The balance lasts about ${r.hours.toLocaleString('en-US')} ${r.hours === 1n ? 'hour' : 'hours'} at the current burn.`;
  }
}

/** balance − amount, as a wire string (for "balance after the reservation"). */
export function subtractCredits(balance: string, amount: string): string {
  return formatCredits(parseCredits(balance) - parseCredits(amount));
}

/** What reconciling at `actual` does against `estimate`: a charge, a refund or nothing. */
export function reconciliationOutcome(
  estimate: string,
  actual: string,
): { kind: 'charge' | 'refund' | 'none'; amount: string } | null {
  const parsed = tryParseCredits(actual);
  if (!parsed.ok || parsed.units < 0n) return null;
  const diff = parsed.units - parseCredits(estimate);
  if (diff > 0n) return { kind: 'charge', amount: formatCredits(diff) };
  if (diff < 0n) return { kind: 'refund', amount: formatCredits(-diff) };
  return { kind: 'none', amount: '0' };
}

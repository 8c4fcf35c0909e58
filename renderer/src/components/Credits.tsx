import { displayCredits } from '../lib/money';

/** A credit amount: right-aligned tabular figures, sign shown when it is a movement. */
export function Credits({ value, signed = false }: { value: string; signed?: boolean }) {
  const negative = value.startsWith('-');
  return (
    <span className={`num${signed ? (negative ? ' num-neg' : ' num-pos') : ''}`}>
      {displayCredits(value, { sign: signed })}
    </span>
  );
}

import { describe, expect, it } from 'vitest';
import {
  describeRunway,
  displayCredits,
  reconciliationOutcome,
  runway,
  subtractCredits,
} from '../../renderer/src/lib/money';

describe('money display', () => {
  it('groups thousands without rounding and marks signs', () => {
    expect(displayCredits('1234567.0001')).toBe('1,234,567.0001');
    expect(displayCredits('-10')).toBe('−10');
    expect(displayCredits('25', { sign: true })).toBe('+25');
    expect(displayCredits('0', { sign: true })).toBe('0');
    expect(displayCredits('999')).toBe('999');
  });

  it('computes balance after a reservation exactly', () => {
    expect(subtractCredits('0.3', '0.1')).toBe('0.2');
    expect(subtractCredits('10', '12.5')).toBe('-2.5');
  });
});

describe('runway', () => {
  it('is floor(balance / total burn) in whole hours, with integer math', () => {
    const r = runway('100', ['1', '2']);
    expect(r).toEqual({ kind: 'hours', hours: 33n, lessThanOne: false });
    expect(describeRunway(r)).toBe('The balance lasts about 33 hours at the current burn.');
  });
  it('handles fractional rates without float error', () => {
    // 0.3 / 0.1 is 2.9999999999999996 in floats; exactly 3 here.
    expect(runway('0.3', ['0.1'])).toEqual({ kind: 'hours', hours: 3n, lessThanOne: false });
  });
  it('says less than an hour, exhausted, or no burn', () => {
    expect(describeRunway(runway('0.5', ['1']))).toBe(
      'The balance lasts less than an hour at the current burn.',
    );
    expect(describeRunway(runway('-4', ['1']))).toBe('The balance is exhausted at the current burn.');
    expect(describeRunway(runway('100', []))).toBe('No active endpoints are burning credits.');
    expect(describeRunway(runway('1', ['1']))).toBe('The balance lasts about 1 hour at the current burn.');
  });
});

describe('reconciliation outcome', () => {
  it('charges above the estimate, refunds below, nothing when equal', () => {
    expect(reconciliationOutcome('40', '55.5')).toEqual({ kind: 'charge', amount: '15.5' });
    expect(reconciliationOutcome('40', '12')).toEqual({ kind: 'refund', amount: '28' });
    expect(reconciliationOutcome('40', '40.0')).toEqual({ kind: 'none', amount: '0' });
  });
  it('is null for text that is not a non-negative amount', () => {
    expect(reconciliationOutcome('40', 'abc')).toBeNull();
    expect(reconciliationOutcome('40', '-1')).toBeNull();
    expect(reconciliationOutcome('40', '1e3')).toBeNull();
  });
});

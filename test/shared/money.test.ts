import { describe, expect, it } from 'vitest';
import { creditString, nonZeroCreditString, positiveCreditString } from '../../shared/api/credit-schemas';
import {
  formatCredits,
  MoneyParseError,
  meteredUnits,
  normalizeCredits,
  parseCredits,
  tryParseCredits,
} from '../../shared/money';

describe('parseCredits', () => {
  it.each([
    ['120.5', 1_205_000n],
    ['-10', -100_000n],
    ['0.0001', 1n],
    ['0', 0n],
    ['-0.5', -5_000n],
    ['120.50', 1_205_000n],
    ['99999999999999.9999', 999_999_999_999_999_999n],
  ])('%s → %s units', (input, units) => {
    expect(parseCredits(input)).toBe(units);
  });

  it.each([
    ['1e3', /exponent/],
    ['1.23456', /at most 4 decimal places/],
    [' 1', /spaces/],
    ['1 ', /spaces/],
    ['', /empty/],
    ['+-1', /plus/],
    ['+1', /plus/],
    ['--1', /decimal number/],
    ['1.', /followed by digits/],
    ['.5', /decimal number/],
    ['007', /leading zeros/],
    ['1,000', /separators/],
    ['NaN', /decimal number/],
    ['Infinity', /decimal number/],
    ['0x10', /decimal number/],
    ['123456789012345', /digits before the decimal point/],
  ])('rejects %j with a clear reason', (input, reason) => {
    expect(() => parseCredits(input)).toThrow(MoneyParseError);
    expect(() => parseCredits(input)).toThrow(reason);
    expect(tryParseCredits(input).ok).toBe(false);
    expect(creditString.safeParse(input).success).toBe(false);
  });
});

describe('formatCredits', () => {
  it('is canonical: no trailing zeros, no -0', () => {
    expect(formatCredits(1_205_000n)).toBe('120.5');
    expect(formatCredits(-100_000n)).toBe('-10');
    expect(formatCredits(1n)).toBe('0.0001');
    expect(formatCredits(-1n)).toBe('-0.0001');
    expect(formatCredits(0n)).toBe('0');
    expect(normalizeCredits('-0')).toBe('0');
    expect(normalizeCredits('10.5000')).toBe('10.5');
  });

  it('round-trips every value in a sweep', () => {
    for (let u = -20_001n; u <= 20_001n; u += 7n) expect(parseCredits(formatCredits(u))).toBe(u);
  });
});

describe('sign-checked schemas', () => {
  it('positive and non-zero', () => {
    expect(positiveCreditString.safeParse('0').success).toBe(false);
    expect(positiveCreditString.safeParse('-1').success).toBe(false);
    expect(positiveCreditString.safeParse('0.0001').success).toBe(true);
    expect(nonZeroCreditString.safeParse('-0').success).toBe(false);
    expect(nonZeroCreditString.safeParse('-10').success).toBe(true);
  });
});

describe('meteredUnits (cumulative floor)', () => {
  const H = 3_600_000n;
  it('charges rate × elapsed for exact hours', () => {
    expect(meteredUnits(20_000n, 0n, 0n, H)).toBe(20_000n);
    expect(meteredUnits(20_000n, 0n, H, 3n * H)).toBe(40_000n);
  });
  it('charges nothing for an empty or reversed window', () => {
    expect(meteredUnits(20_000n, 0n, H, H)).toBe(0n);
    expect(meteredUnits(20_000n, 0n, 2n * H, H)).toBe(0n);
  });
  it('back-to-back windows sum exactly to one long window, however they are cut', () => {
    const rate = 12_345n; // 1.2345 credits per hour: never divides evenly
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed;
    };
    let t = 0n;
    let sum = 0n;
    for (let i = 0; i < 5_000; i++) {
      const next = t + BigInt(random() % 5_000);
      sum += meteredUnits(rate, 0n, t, next);
      t = next;
    }
    expect(sum).toBe(meteredUnits(rate, 0n, 0n, t));
    expect(sum).toBe((rate * t) / H);
  });
});

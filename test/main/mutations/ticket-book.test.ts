import { describe, expect, it } from 'vitest';
import { toOperatorError } from '../../../main/core/errors/normalize';
import { canonicalJson } from '../../../main/core/mutations/operations';
import { TICKET_LIFETIME_MS, TicketBook } from '../../../main/core/mutations/ticket-book';
import { ManualClock } from '../support/core-harness';

const input = {
  profileId: 'local-sandbox',
  baseUrl: 'http://127.0.0.1:8787',
  operation: 'metering.tick' as const,
  payloadHash: 'h',
  route: 'createMeteringTick' as const,
  params: {},
  body: {},
  tenantId: null,
  walletVersion: null,
  amount: null,
};

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return toOperatorError(error).code;
  }
  return 'none';
};

describe('commit tickets', () => {
  it('are unguessable, single-use and expire after five minutes on the injected clock', () => {
    const clock = new ManualClock();
    const book = new TicketBook(clock);
    const a = book.issue(input);
    const b = book.issue(input);
    expect(a.id).not.toBe(b.id);
    expect(a.id.length).toBeGreaterThan(30);
    expect(a.expiresAt - a.issuedAt).toBe(TICKET_LIFETIME_MS);
    expect(book.take(a.id).id).toBe(a.id);
    expect(codeOf(() => book.take(a.id))).toBe('ticket_used');
    clock.advance(TICKET_LIFETIME_MS);
    expect(codeOf(() => book.take(b.id))).toBe('ticket_expired');
    expect(codeOf(() => book.take(b.id))).toBe('ticket_used');
    expect(codeOf(() => book.take('tkt_nope'))).toBe('ticket_missing');
  });

  it('forget old tickets eventually (no unbounded memory)', () => {
    const clock = new ManualClock();
    const book = new TicketBook(clock);
    const a = book.issue(input);
    clock.advance(3 * TICKET_LIFETIME_MS);
    book.issue(input);
    expect(codeOf(() => book.take(a.id))).toBe('ticket_missing');
  });

  it('hash payloads canonically: key order does not matter, values do', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, 2] }, b: 1 }),
    );
    expect(canonicalJson({ amount: '10' })).not.toBe(canonicalJson({ amount: '10.0' }));
  });
});

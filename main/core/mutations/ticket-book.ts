import { randomBytes } from 'node:crypto';
import type { RouteName } from '../../../shared/api';
import type { MutationOperation } from '../../../shared/ipc/contract';
import { OperatorFailure } from '../errors/normalize';
import type { Clock } from '../platform/clock';

export const TICKET_LIFETIME_MS = 5 * 60 * 1000;

/** What a preview entitles the operator to commit: exactly this request, once, soon. */
export type Ticket = {
  id: string;
  profileId: string;
  baseUrl: string;
  operation: MutationOperation;
  /** The bridge payload as previewed (compared when the commit repeats it). */
  payloadHash: string;
  route: RouteName;
  params: Record<string, string>;
  body: Record<string, unknown>;
  tenantId: string | null;
  walletVersion: number | null;
  amount: string | null;
  issuedAt: number;
  expiresAt: number;
};

/**
 * Commit tickets live only in main's memory: they are unguessable, bound to
 * one profile, operation and payload hash, single-use and short-lived. A
 * restart voids them all, which is the safe direction.
 */
export class TicketBook {
  private readonly tickets = new Map<string, Ticket>();
  /** Used ticket ids until their expiry, so a replayed id says "used", not "missing". */
  private readonly used = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  issue(input: Omit<Ticket, 'id' | 'issuedAt' | 'expiresAt'>): Ticket {
    this.sweep();
    const now = this.clock.now();
    const ticket: Ticket = {
      ...input,
      id: `tkt_${randomBytes(24).toString('base64url')}`,
      issuedAt: now,
      expiresAt: now + TICKET_LIFETIME_MS,
    };
    this.tickets.set(ticket.id, ticket);
    return ticket;
  }

  /** Takes a ticket for commit: afterwards it is used, whatever happens next. */
  take(id: string): Ticket {
    this.sweep();
    if (this.used.has(id))
      throw refusal('ticket_used', 'This preview was already committed or refused. Preview again.');
    const ticket = this.tickets.get(id);
    if (!ticket) {
      throw refusal(
        'ticket_missing',
        'There is no preview to commit (it may have expired or the app restarted). Preview again.',
      );
    }
    this.tickets.delete(id);
    this.used.set(id, ticket.expiresAt);
    if (this.clock.now() >= ticket.expiresAt) {
      throw refusal(
        'ticket_expired',
        'This preview is more than 5 minutes old. Preview again to see current numbers.',
      );
    }
    return ticket;
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [id, ticket] of this.tickets) {
      // Expired tickets stay answerable as "expired" for a while, then go.
      if (now >= ticket.expiresAt + TICKET_LIFETIME_MS) this.tickets.delete(id);
    }
    for (const [id, expiresAt] of this.used) if (now >= expiresAt + TICKET_LIFETIME_MS) this.used.delete(id);
  }
}

export function refusal(code: string, message: string): OperatorFailure {
  return new OperatorFailure({ code, message, retryable: false });
}

import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { type RouteName, type RouteSpec, routes, type Wallet } from '../../../shared/api';
import {
  type CommitResult,
  type MutationOperation,
  mutationPayloads,
  type Preview,
  type PreviewArgs,
} from '../../../shared/ipc/contract';
import type { OperatorError } from '../../../shared/ipc/envelope';
import { type ApiClient, isIndeterminate } from '../api/api-client';
import { camelField } from '../api/problem';
import type { ConnectionService } from '../connection/connection-service';
import { OperatorFailure, toOperatorError } from '../errors/normalize';
import type { EventHub } from '../events/event-hub';
import type { Journal, JournalLine, ReplayRequest } from '../journal/journal';
import type { Logger } from '../logging/logger';
import type { Clock, Sleep } from '../platform/clock';
import type { Profile, ProfileRepository } from '../profiles/profile-repository';
import { canonicalJson, operations, type TenantSource } from './operations';
import { refusal, type Ticket, type TicketBook } from './ticket-book';

/** How hard a commit tries to learn its outcome before reporting "unknown". */
export const COMMIT_ATTEMPTS = 5;
const COMMIT_BACKOFF_MS = [0, 500, 1000, 2000, 4000];
/** The sandbox (and our contract) keep idempotency records for 24 h; replay only well inside that. */
const REPLAY_WINDOW_MS = 23 * 3600 * 1000;

export type MutationDeps = {
  profiles: ProfileRepository;
  connection: ConnectionService;
  clientFor: (profile: Profile) => ApiClient;
  tickets: TicketBook;
  journal: Journal;
  events: EventHub;
  clock: Clock;
  sleep: Sleep;
  logger: Logger;
};

/**
 * Confirm-before-commit, enforced in main. preview() asks the backend for a
 * dry run and issues a ticket for exactly that request; commit() sends that
 * request and nothing else, once, with a key written to the journal first so
 * a lost answer can be recovered by asking again with the same key.
 */
export class MutationService {
  constructor(private readonly deps: MutationDeps) {}

  async preview(args: PreviewArgs): Promise<Preview> {
    const { profile, status } = this.deps.connection.requireWritable();
    // TypeScript cannot correlate args.operation with args.payload through the
    // lookup; the discriminated union already guaranteed they belong together.
    const op = operations[args.operation] as (typeof operations)['wallet.adjust'];
    const payload = args.payload as z.output<(typeof mutationPayloads)['wallet.adjust']>;
    const route: RouteSpec = routes[op.route];
    const params = op.params(payload);
    const body = op.body(payload);
    checkBody(route, body);

    const client = this.deps.clientFor(profile);
    const { tenantId, wallet } = await this.resolveTenant(client, op.tenant(payload));
    const dryRun = await client.dryRun(op.route, {
      params,
      body,
      idempotencyKey: `preview-${randomBytes(12).toString('hex')}`,
      ...(route.ifMatch !== 'never' && wallet ? { ifMatchVersion: wallet.version } : {}),
    });
    const ticket = this.deps.tickets.issue({
      profileId: profile.id,
      baseUrl: profile.baseUrl,
      operation: args.operation,
      payloadHash: hashPayload(args.operation, args.payload),
      route: op.route,
      params,
      body,
      tenantId,
      walletVersion: wallet?.version ?? null,
      amount: op.amount(payload),
    });
    const environment = status.me?.environment ?? { name: profile.name, kind: profile.expectedKind };
    return {
      ticketId: ticket.id,
      expiresAt: new Date(ticket.expiresAt).toISOString(),
      operation: args.operation,
      payload: { ...args.payload },
      tenantId,
      environment,
      profileId: profile.id,
      profileName: profile.name,
      effects: dryRun.data.effects,
      walletVersion: ticket.walletVersion,
    };
  }

  async commit(args: {
    ticketId: string;
    operation?: string | undefined;
    payload?: Record<string, unknown> | undefined;
  }): Promise<CommitResult> {
    const ticket = this.deps.tickets.take(args.ticketId);
    if (args.operation !== undefined && args.operation !== ticket.operation) {
      throw refusal(
        'ticket_mismatch',
        'The change to commit is not the one that was previewed. Preview again.',
      );
    }
    if (args.payload !== undefined && hashPayload(ticket.operation, args.payload) !== ticket.payloadHash) {
      throw refusal(
        'ticket_mismatch',
        'The values changed after the preview. Preview again to see their effect.',
      );
    }
    const { profile, me } = this.deps.connection.requireWritable();
    if (profile.id !== ticket.profileId || profile.baseUrl !== ticket.baseUrl) {
      throw refusal(
        'ticket_mismatch',
        'The connection changed after the preview. Preview again on this connection.',
      );
    }
    const client = this.deps.clientFor(profile);
    const route: RouteSpec = routes[ticket.route];

    const idempotencyKey = `op-${randomBytes(16).toString('hex')}`;
    const request: ReplayRequest = {
      route: ticket.route,
      baseUrl: ticket.baseUrl,
      params: ticket.params,
      body: ticket.body,
      // Every route that touches a tenant's wallet is bound to the version the
      // operator previewed: required routes demand it, optional ones honour it,
      // and either way the backend checks it atomically with the write (412).
      ...(route.ifMatch !== 'never' && ticket.walletVersion !== null
        ? { ifMatchVersion: ticket.walletVersion }
        : {}),
    };
    const base = {
      profileId: profile.id,
      profileName: profile.name,
      operator: `${me.actor.name} (${me.actor.id})`,
      operation: ticket.operation,
      tenantId: ticket.tenantId,
      amount: ticket.amount,
      idempotencyKey,
      transactionIds: [],
      error: null,
    };
    // Durable before the request exists: after a crash, this line is how the key is found again.
    await this.deps.journal.append(profile.id, { ...base, phase: 'attempt', outcome: 'pending', request });

    const sent = await this.sendWithSameKey(client, ticket, request, idempotencyKey);
    if (!sent.ok) {
      const outcome = sent.indeterminate ? 'unknown' : 'failed';
      const error =
        sent.error.code === 'precondition_failed' ? changedSincePreviewError(sent.error) : sent.error;
      await this.deps.journal.append(profile.id, {
        ...base,
        phase: 'result',
        outcome,
        error,
        resolvedBy: 'commit',
      });
      if (sent.indeterminate) {
        throw new OperatorFailure({
          code: 'outcome_unknown',
          message:
            'The backend did not confirm the change after several tries. It was sent with a one-time key, so it cannot apply twice; the app will ask again with the same key when the connection is back (or on next start). Check the journal before trying again.',
          retryable: false,
        });
      }
      throw new OperatorFailure(error);
    }
    const transactionIds = sent.data.effects.transactions.map((t) => t.id);
    let line: JournalLine;
    try {
      line = await this.deps.journal.append(profile.id, {
        ...base,
        phase: 'result',
        outcome: 'committed',
        transactionIds,
        resolvedBy: 'commit',
      });
    } catch {
      // The change is in the ledger; saying "failed" here would invite a second one.
      throw new OperatorFailure({
        code: 'committed_journal_failed',
        message: `The change WAS committed (${transactionIds.length} transaction(s): ${transactionIds.join(', ') || 'none'}), but the journal could not be written. Do not repeat it; check the disk.`,
        retryable: false,
      });
    }
    this.progress(ticket, sent.attempts, 'resolved', 'Committed.');
    return {
      outcome: 'committed',
      operation: ticket.operation,
      tenantId: ticket.tenantId,
      transactionIds,
      replayed: sent.replayed,
      attempts: sent.attempts,
      result: sent.data,
      journalId: line.id,
    };
  }

  /**
   * Resolves commits whose outcome was never learnt (the app stopped
   * mid-request, or every retry failed) by sending the journalled request
   * again with its key: the backend either answers from its idempotency
   * record or applies it now, exactly once either way.
   */
  async resolvePending(profile: Profile): Promise<number> {
    const pending = await this.deps.journal.unresolved(profile.id);
    let resolved = 0;
    for (const attempt of pending) {
      if (!attempt.request || attempt.request.baseUrl !== profile.baseUrl) continue;
      if (this.deps.clock.now() - Date.parse(attempt.at) > REPLAY_WINDOW_MS) continue;
      const outcome = await this.replay(profile, attempt, attempt.request);
      if (outcome) resolved += 1;
    }
    return resolved;
  }

  private async replay(profile: Profile, attempt: JournalLine, request: ReplayRequest): Promise<boolean> {
    const client = this.deps.clientFor(profile);
    const base = { ...attempt, phase: 'result' as const, resolvedBy: 'replay_on_start' as const };
    delete (base as Partial<JournalLine>).request;
    try {
      const answer = await client.mutate(request.route as RouteName, {
        params: request.params,
        body: request.body,
        idempotencyKey: attempt.idempotencyKey,
        ...(request.ifMatchVersion !== undefined ? { ifMatchVersion: request.ifMatchVersion } : {}),
      });
      const data = answer.data as { effects: { transactions: { id: string }[] } };
      await this.deps.journal.append(profile.id, {
        ...stripIds(base),
        outcome: 'committed',
        error: null,
        transactionIds: data.effects.transactions.map((t) => t.id),
      });
      this.deps.logger.info('pending commit resolved by replaying its key', {
        profile: profile.id,
        operation: attempt.operation,
      });
      return true;
    } catch (error) {
      const detail = toOperatorError(error);
      if (isIndeterminate(detail) || detail.code === 'no_token') return false;
      await this.deps.journal.append(profile.id, {
        ...stripIds(base),
        outcome: 'failed',
        error: detail,
        transactionIds: [],
      });
      return true;
    }
  }

  private async sendWithSameKey(
    client: ApiClient,
    ticket: Ticket,
    request: ReplayRequest,
    idempotencyKey: string,
  ): Promise<
    | { ok: true; data: { effects: { transactions: { id: string }[] } }; replayed: boolean; attempts: number }
    | { ok: false; error: OperatorError; indeterminate: boolean }
  > {
    let lastError: OperatorError | null = null;
    for (let attempt = 1; attempt <= COMMIT_ATTEMPTS; attempt += 1) {
      const wait = COMMIT_BACKOFF_MS[attempt - 1] ?? 4000;
      if (attempt > 1) {
        this.progress(
          ticket,
          attempt,
          'retrying',
          'No answer yet; asking again with the same one-time key (it cannot apply twice).',
        );
        await this.deps.sleep(wait);
      } else {
        this.progress(ticket, attempt, 'sending', 'Sending the change…');
      }
      try {
        const answer = await client.mutate(ticket.route, {
          params: request.params,
          body: request.body,
          idempotencyKey,
          ...(request.ifMatchVersion !== undefined ? { ifMatchVersion: request.ifMatchVersion } : {}),
        });
        const data = answer.data as { effects: { transactions: { id: string }[] } };
        // An answer from the idempotency record means an earlier attempt had landed.
        return { ok: true, data, replayed: answer.replayed || attempt > 1, attempts: attempt };
      } catch (error) {
        const detail = toOperatorError(error);
        if (!isIndeterminate(detail)) return { ok: false, error: detail, indeterminate: false };
        lastError = detail;
        this.deps.logger.warn('commit attempt without a definite answer', {
          operation: ticket.operation,
          attempt,
          code: detail.code,
        });
      }
    }
    return {
      ok: false,
      error: lastError ?? { code: 'unreachable', message: 'No answer.', retryable: true },
      indeterminate: true,
    };
  }

  private async resolveTenant(
    client: ApiClient,
    source: TenantSource,
  ): Promise<{ tenantId: string | null; wallet: Wallet | null }> {
    if (source === null) return { tenantId: null, wallet: null };
    const tenantId =
      'tenantId' in source
        ? source.tenantId
        : (await client.get('getWorkload', { params: { workload_id: source.workloadId } })).data.tenant_id;
    const tenant = await client.get('getTenant', { params: { tenant_id: tenantId } });
    return { tenantId, wallet: tenant.data.wallet };
  }

  private progress(
    ticket: Ticket,
    attempt: number,
    state: 'sending' | 'retrying' | 'resolved',
    message: string,
  ) {
    this.deps.events.emit('mutations.progress', {
      ticketId: ticket.id,
      operation: ticket.operation,
      attempt,
      state,
      message,
    });
  }
}

function hashPayload(operation: MutationOperation, payload: unknown): string {
  // Parse first so defaults and key order cannot make equal payloads differ.
  const parsed = mutationPayloads[operation].safeParse(payload);
  const value = parsed.success ? parsed.data : payload;
  return createHash('sha256')
    .update(`${operation}\n${canonicalJson(value)}`)
    .digest('hex');
}

/** The backend's own request validation, run in main so an invalid change is refused before anything is sent. */
function checkBody(route: RouteSpec, body: unknown): void {
  if (!route.body) return;
  const result = route.body.safeParse(body);
  if (result.success) return;
  throw new OperatorFailure({
    code: 'invalid_arguments',
    message: 'Some values are not valid; nothing was sent.',
    fields: result.error.issues.map((issue) => ({
      field: camelField(issue.path.map(String).join('.')) || '(payload)',
      message: issue.message,
    })),
    retryable: false,
  });
}

function changedSincePreviewError(error: OperatorError): OperatorError {
  const current = (error.current as { wallet?: Wallet } | undefined)?.wallet ?? null;
  return {
    code: 'changed_since_preview',
    message: current
      ? `The wallet changed since the preview (balance now ${current.balance}, version ${current.version}). Nothing was written. Preview again to see the effect on the current balance.`
      : 'The wallet changed since the preview. Nothing was written. Preview again.',
    ...(error.status !== undefined ? { status: error.status } : {}),
    retryable: false,
    current: { wallet: current },
  };
}

function stripIds(line: Omit<JournalLine, 'request'>): Omit<JournalLine, 'id' | 'at' | 'request'> {
  const { id: _id, at: _at, ...rest } = line;
  return rest;
}

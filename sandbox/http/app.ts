import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  DryRunResult,
  type FieldError,
  type Me,
  type RouteName,
  type RouteSpec,
  routeNames,
  routes,
  toFastifyPath,
} from '../../shared/api';
import { Ctx } from '../domain/context';
import { ApiError, validationError } from '../domain/errors';
import { advanceWorkloads } from '../domain/workloads';
import type { SandboxState } from '../state';
import { type MutationResult, mutations, reads } from './handlers';
import { PROBLEM_CONTENT_TYPE, problemBody, toApiError } from './problem';
import { registerSandboxControls } from './sandbox-controls';

export const BODY_LIMIT = 1_048_576;
const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Me['actor'] | null;
    dropAfterCommit: boolean;
    requestId: string;
  }
}

/** Thrown inside a dry run's SQLite transaction to roll it back while carrying the preview out. */
class DryRunRollback {
  constructor(readonly result: DryRunResult) {}
}

interface Outcome {
  status: number;
  body: unknown;
  etag?: string | undefined;
  replayed?: boolean;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** JSON with sorted keys, so two requests with the same content fingerprint the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function fieldErrors(error: z.ZodError, prefix: string): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : prefix,
    message: issue.message,
  }));
}

function parseOr422<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(fieldErrors(result.error, prefix));
  return result.data;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function buildApp(state: SandboxState): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: 300 },
    // Identical ids across restarts are fine; the header lets a client correlate logs.
    genReqId: () => randomUUID(),
    // Router-level refusals (over-long ids, undecodable URLs) name no resource: 404, as problem+json.
    frameworkErrors: (error, request, reply) => {
      const detail = `No route ${request.method} ${request.url.split('?')[0]?.slice(0, 200)} (${error.code}).`;
      return sendProblem(request, reply, new ApiError('not_found', detail));
    },
  });
  app.decorateRequest('actor', null);
  app.decorateRequest('dropAfterCommit', false);
  app.decorateRequest('requestId', '');

  const principals = state.principals.map((p) => ({ digest: sha256(p.token), actor: p.actor }));

  function sendProblem(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
    request.requestId ||= request.id;
    const { apiError, bug } = toApiError(error);
    if (bug) console.error('[sandbox] internal error', request.method, request.url, error);
    const path = request.url.split('?')[0] ?? request.url;
    return reply
      .code(apiError.status)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(problemBody(apiError, path, request.requestId)));
  }

  app.setErrorHandler((error, request, reply) => sendProblem(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      request,
      reply,
      new ApiError('not_found', `No route ${request.method} ${request.url.split('?')[0]}.`),
    ),
  );

  app.addHook('onRequest', async (request, reply) => {
    request.requestId = request.id;
    reply.header('x-request-id', request.id);
    // Ledger data is confidential and changes constantly: never cache it, never sniff it.
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/v1') && !path.startsWith('/sandbox')) return;
    const authorization = header(request, 'authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const digest = match?.[1] ? sha256(match[1]) : null;
    const principal = digest ? principals.find((p) => timingSafeEqual(p.digest, digest)) : undefined;
    if (!principal) {
      reply.header('www-authenticate', 'Bearer realm="modelmachines"');
      throw new ApiError('unauthenticated', 'Send Authorization: Bearer <token> with a valid token.');
    }
    request.actor = principal.actor;
    if (path.startsWith('/v1')) await applyFaults(state, request, reply, path);
  });

  for (const name of routeNames) {
    const route = routes[name] as RouteSpec;
    app.route({
      method: route.method,
      url: toFastifyPath(route.path),
      handler: async (request, reply) => {
        let outcome: Outcome;
        try {
          outcome = handle(state, name, route, request);
        } catch (error) {
          if (request.dropAfterCommit) return dropConnection(reply);
          return sendProblem(request, reply, error);
        }
        if (request.dropAfterCommit) return dropConnection(reply);
        if (outcome.etag) reply.header('etag', outcome.etag);
        if (outcome.replayed) reply.header('idempotent-replayed', 'true');
        return reply
          .code(outcome.status)
          .header('content-type', 'application/json; charset=utf-8')
          .send(JSON.stringify(outcome.body));
      },
    });
  }

  if (state.accessLog) {
    app.addHook('onResponse', async (request, reply) => {
      const ms = reply.elapsedTime.toFixed(1);
      console.error(
        `${new Date().toISOString()} ${request.method} ${request.url} ${reply.statusCode} ${ms}ms`,
      );
    });
  }

  app.get('/healthz', async () => ({ ok: true }));
  registerSandboxControls(app, state, sendProblem);
  return app;
}

/** "Drop after commit": the work is done and committed; the client never hears about it. */
function dropConnection(reply: FastifyReply): void {
  reply.hijack();
  reply.raw.socket?.destroy();
}

async function applyFaults(
  state: SandboxState,
  request: FastifyRequest,
  reply: FastifyReply,
  path: string,
): Promise<void> {
  const faults = state.faults;
  if (faults.remaining <= 0) return;
  if (faults.method !== null && faults.method !== request.method) return;
  if (faults.path_prefix !== null && !path.startsWith(faults.path_prefix)) return;
  faults.remaining -= 1;
  if (faults.latency_ms > 0) await new Promise((resolve) => setTimeout(resolve, faults.latency_ms));
  if (faults.error_status !== null) {
    if (faults.retry_after_seconds !== null) reply.header('retry-after', String(faults.retry_after_seconds));
    throw new ApiError(
      'injected_fault',
      `Fault injected by POST /sandbox/faults (status ${faults.error_status}).`,
      {
        status: faults.error_status,
      },
    );
  }
  if (faults.drop_after_commit) request.dropAfterCommit = true;
}

/**
 * One request, synchronously from here on: Node runs one handler at a time
 * and better-sqlite3 is synchronous, so "check idempotency key, check If-Match,
 * write, store response" is atomic with respect to every other request.
 */
function handle(state: SandboxState, name: RouteName, route: RouteSpec, request: FastifyRequest): Outcome {
  const actor = request.actor;
  if (!actor) throw new ApiError('unauthenticated');
  if (!route.roles.includes(actor.role)) {
    throw new ApiError('forbidden', `The ${actor.role} role may not call ${route.method} ${route.path}.`);
  }
  let idempotencyKey: string | null = null;
  if (route.mutation) {
    const key = header(request, 'idempotency-key');
    if (key === undefined || key.length < 1 || key.length > 255) {
      throw new ApiError('idempotency_key_required', 'Send an Idempotency-Key header of 1–255 characters.');
    }
    idempotencyKey = key;
  }
  // Path parameters are free-form strings; an id that names nothing is answered with 404 by the handler.
  const params = route.params ? route.params.parse(request.params) : undefined;
  const query = route.query ? parseOr422(route.query, request.query ?? {}, 'query') : undefined;
  const rawBody: unknown = request.body ?? {};
  const body = route.body ? parseOr422(route.body, rawBody, 'body') : undefined;
  const ifMatch = header(request, 'if-match');
  const input = { params, query, body, ifMatch } as never;
  const now = state.clock.now();
  const actorRef = { id: actor.id, role: actor.role };

  if (!route.mutation) {
    const read = reads[name as keyof typeof reads] as (
      input: never,
      env: unknown,
    ) => { body: unknown; etag?: string };
    const result = state.db.transaction(() => {
      advanceWorkloads(state.sql, now);
      const ctx = new Ctx(state.sql, now, actorRef, null);
      return read(input, { repo: ctx.repo, state, actor });
    })();
    validateResponse(state, route.response, result.body);
    return { status: 200, body: result.body, etag: result.etag };
  }

  const key = idempotencyKey ?? '';
  const dryRun = (query as { dry_run?: string } | undefined)?.dry_run === 'true';
  const path = request.url.split('?')[0] ?? request.url;
  const fingerprint = sha256(`${route.method} ${path}\n${canonicalJson(rawBody)}`).toString('hex');
  const mutate = mutations[name as keyof typeof mutations] as (
    input: never,
    ctx: Ctx,
    state: SandboxState,
  ) => MutationResult;

  try {
    // IMMEDIATE: take the write lock before reading the wallet, so even a second
    // process on the same data dir could not interleave between read and append.
    return state.db
      .transaction((): Outcome => {
        advanceWorkloads(state.sql, now);
        // A dry run never reads or writes the idempotency store: previewing with
        // the key the real request will use must not consume it.
        if (!dryRun) {
          const stored = state.sql
            .get(
              'SELECT fingerprint, status, body, etag FROM idempotency WHERE actor = ? AND key = ? AND created_at > ?',
            )
            .get(actor.id, key, now - IDEMPOTENCY_TTL_MS) as
            | { fingerprint: string; status: bigint; body: string; etag: string | null }
            | undefined;
          if (stored) {
            if (stored.fingerprint !== fingerprint) {
              throw new ApiError(
                'idempotency_key_reused',
                'This Idempotency-Key was already used for a different request in the last 24 hours.',
                { errors: [{ field: 'Idempotency-Key', message: 'already used for a different request' }] },
              );
            }
            return {
              status: Number(stored.status),
              body: JSON.parse(stored.body),
              etag: stored.etag ?? undefined,
              replayed: true,
            };
          }
        }
        if (route.ifMatch === 'required' && header(request, 'if-match') === undefined) {
          throw new ApiError(
            'precondition_required',
            'Send If-Match with the wallet version from the tenant’s ETag.',
          );
        }
        const ctx = new Ctx(state.sql, now, actorRef, key);
        const result = mutate(input, ctx, state);
        const effects = ctx.effects();
        if (dryRun) throw new DryRunRollback({ dry_run: true, effects });
        const body = { ...result.body, dry_run: false, effects };
        validateResponse(state, route.response, body);
        const status = route.successStatus;
        state.sql
          .get(
            `INSERT INTO idempotency (actor, key, fingerprint, status, body, etag, created_at) VALUES (?,?,?,?,?,?,?)
           ON CONFLICT (actor, key) DO UPDATE SET fingerprint = excluded.fingerprint, status = excluded.status,
           body = excluded.body, etag = excluded.etag, created_at = excluded.created_at`,
          )
          .run(actor.id, key, fingerprint, status, JSON.stringify(body), result.etag ?? null, now);
        state.sql
          .get(
            `INSERT INTO audit (at, actor, actor_role, action, tenant_n, target_id, method, path, request_body, idempotency_key, result)
           VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
          )
          .run(
            now,
            actor.id,
            actor.role,
            result.audit.action,
            result.audit.tenantN,
            result.audit.targetId,
            route.method,
            path,
            JSON.stringify(rawBody),
            key,
            JSON.stringify({
              status,
              transaction_ids: ctx.transactionIds(),
              transitions: ctx.transitionList(),
            }),
          );
        return { status, body, etag: result.etag };
      })
      .immediate();
  } catch (error) {
    if (error instanceof DryRunRollback) {
      validateResponse(state, DryRunResult, error.result);
      return { status: 200, body: error.result };
    }
    throw error;
  }
}

function validateResponse(state: SandboxState, schema: z.ZodType, body: unknown): void {
  if (!state.validateResponses) return;
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new Error(`response breaks the contract: ${JSON.stringify(result.error.issues).slice(0, 2000)}`);
  }
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  SandboxClockBody,
  SandboxCreateEndpointBody,
  SandboxCreateTenantBody,
  SandboxFaultsBody,
  SandboxTenantStatusBody,
} from '../../shared/api';
import { parseCredits } from '../../shared/money';
import { iso } from '../domain/clock';
import { ApiError, validationError } from '../domain/errors';
import { Repo, toEndpoint, toTenant } from '../domain/repo';
import type { SandboxState } from '../state';
import { mustFind } from './reads';

type SendProblem = (request: FastifyRequest, reply: FastifyReply, error: unknown) => FastifyReply;

function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    throw validationError(
      result.error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'body', message: i.message })),
    );
  }
  return result.data;
}

/**
 * Sandbox-only controls: the clock, fault injection, and fixtures (tenants and
 * endpoints, which the production contract has no routes to create). They are
 * not part of the contract and not in openapi.json. Admin token required.
 */
export function registerSandboxControls(
  app: FastifyInstance,
  state: SandboxState,
  sendProblem: SendProblem,
): void {
  const control =
    (fn: (request: FastifyRequest) => unknown, status = 200) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        if (request.actor?.role !== 'admin')
          throw new ApiError('forbidden', 'Sandbox controls need the admin token.');
        const body = fn(request);
        return reply
          .code(status)
          .header('content-type', 'application/json; charset=utf-8')
          .send(JSON.stringify(body));
      } catch (error) {
        return sendProblem(request, reply, error);
      }
    };
  const clockBody = () => ({ now: iso(state.clock.now()), mode: state.clock.mode });

  app.get('/sandbox/clock', control(clockBody));
  app.post(
    '/sandbox/clock',
    control((request) => {
      const body = parseBody(SandboxClockBody, request.body);
      if (body.set_to !== undefined) {
        const target = Date.parse(body.set_to);
        if (target < state.clock.now()) {
          throw validationError([{ field: 'set_to', message: 'the sandbox clock never goes backwards' }]);
        }
        state.clock.setTo(target);
      }
      if (body.advance_seconds !== undefined) state.clock.advance(body.advance_seconds * 1000);
      return clockBody();
    }),
  );
  app.get(
    '/sandbox/faults',
    control(() => state.faults),
  );
  app.post(
    '/sandbox/faults',
    control((request) => {
      const body = parseBody(SandboxFaultsBody, request.body);
      state.faults = {
        remaining: body.count,
        latency_ms: body.latency_ms ?? 0,
        error_status: body.error_status ?? null,
        retry_after_seconds: body.retry_after_seconds ?? null,
        drop_after_commit: body.drop_after_commit ?? false,
        method: body.method ?? null,
        path_prefix: body.path_prefix ?? null,
      };
      return state.faults;
    }),
  );
  app.post(
    '/sandbox/tenants',
    control((request) => {
      const body = parseBody(SandboxCreateTenantBody, request.body);
      const now = state.clock.now();
      const info = state.sql
        .get('INSERT INTO tenants (name, status, created_at, updated_at) VALUES (?,?,?,?)')
        .run(body.name, body.status ?? 'pending_subscription', now, now);
      const row = new Repo(state.sql).tenant(BigInt(info.lastInsertRowid));
      if (!row) throw new Error('tenant not inserted');
      return toTenant(row);
    }, 201),
  );
  app.post(
    '/sandbox/tenants/:tenant_id/status',
    control((request) => {
      const body = parseBody(SandboxTenantStatusBody, request.body);
      const repo = new Repo(state.sql);
      const tenantId = (request.params as { tenant_id: string }).tenant_id;
      const tenant = mustFind('tenant', tenantId, (n) => repo.tenant(n));
      state.sql
        .get('UPDATE tenants SET status = ?, updated_at = ? WHERE n = ?')
        .run(body.status, state.clock.now(), tenant.n);
      const row = repo.tenant(tenant.n);
      if (!row) throw new Error('tenant vanished');
      return toTenant(row);
    }),
  );
  app.post(
    '/sandbox/endpoints',
    control((request) => {
      const body = parseBody(SandboxCreateEndpointBody, request.body);
      const repo = new Repo(state.sql);
      const tenant = mustFind('tenant', body.tenant_id, (n) => repo.tenant(n));
      const now = state.clock.now();
      const info = state.sql
        .get(
          `INSERT INTO endpoints (tenant_n, name, status, rate_per_hour, metering_anchor, last_metered_at,
           grace_expires_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)`,
        )
        .run(
          tenant.n,
          body.name,
          body.status ?? 'active',
          parseCredits(body.rate_per_hour),
          now,
          now,
          body.status === 'depleted_grace' ? now + state.graceMs : null,
          now,
          now,
        );
      const row = repo.endpoint(BigInt(info.lastInsertRowid));
      if (!row) throw new Error('endpoint not inserted');
      return toEndpoint(row);
    }, 201),
  );
}

import ky, { isTimeoutError } from 'ky';
import type { z } from 'zod';
import {
  DryRunResult,
  fillPath,
  type RouteName,
  type RouteResponse,
  type RouteSpec,
  routes,
  toQueryString,
  versionTag,
} from '../../../shared/api';
import type { OperatorError } from '../../../shared/ipc/envelope';
import { OperatorFailure } from '../errors/normalize';
import type { Clock, Sleep } from '../platform/clock';
import { problemToOperatorError } from './problem';
import {
  backoffDelay,
  DEFAULT_GET_RETRY,
  parseRetryAfter,
  RETRYABLE_STATUSES,
  type RetryPolicy,
} from './retry-policy';

export type FetchLike = (input: Request | URL | string, init?: RequestInit) => Promise<Response>;

export type ApiClientOptions = {
  baseUrl: string;
  /** Read at call time: the plain token never sits in a long-lived object graph beyond the vault. */
  token: () => string | null;
  timeoutMs: () => number;
  clock: Clock;
  sleep: Sleep;
  fetch?: FetchLike;
  getRetry?: RetryPolicy;
  /** Observes every attempt (tests count requests; the log records method, route and status). */
  onAttempt?: (info: { method: string; route: string; status: number | null; ms: number }) => void;
};

export type CallSpec = {
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined | null>;
  body?: unknown;
  idempotencyKey?: string;
  /** Wallet version to send as If-Match. */
  ifMatchVersion?: number;
};

export type ApiResponse<T> = { status: number; data: T; etag: string | null; replayed: boolean };

/** Errors after which a write may or may not have been applied: retry with the same key to find out. */
export function isIndeterminate(error: OperatorError): boolean {
  if (error.code === 'timeout' || error.code === 'unreachable') return true;
  return error.status !== undefined && [502, 503, 504].includes(error.status);
}

/**
 * The backend client. Calls are named by the contract's route table, never by
 * URL, so main can only ever send what the contract describes. It injects the
 * base URL and Authorization, applies the timeout, retries GETs on transient
 * failures (honouring Retry-After), validates every answer against the route's
 * schema, and turns every failure into the one error shape.
 */
export class ApiClient {
  private readonly getRetry: RetryPolicy;

  constructor(private readonly options: ApiClientOptions) {
    this.getRetry = options.getRetry ?? DEFAULT_GET_RETRY;
  }

  /** A read, with retries. */
  async get<N extends RouteName>(name: N, spec: CallSpec = {}): Promise<ApiResponse<RouteResponse<N>>> {
    const route: RouteSpec = routes[name];
    if (route.method !== 'GET') throw new Error(`${name} is not a read`);
    let attempt = 0;
    for (;;) {
      attempt += 1;
      try {
        return (await this.once(route, spec, route.response)) as ApiResponse<RouteResponse<N>>;
      } catch (error) {
        const wait = this.retryDelay(error, attempt);
        if (wait === null) throw error;
        await this.options.sleep(wait);
      }
    }
  }

  /** A dry run of a mutation: validated as DryRunResult. One attempt; dry runs are cheap to repeat by hand. */
  async dryRun(name: RouteName, spec: CallSpec): Promise<ApiResponse<DryRunResult>> {
    const route: RouteSpec = routes[name];
    if (!route.mutation) throw new Error(`${name} is not a mutation`);
    return (await this.once(
      route,
      { ...spec, query: { ...spec.query, dry_run: 'true' } },
      DryRunResult,
    )) as ApiResponse<DryRunResult>;
  }

  /** One attempt of a real mutation. Retrying (with the same key) is the commit's decision. */
  async mutate<N extends RouteName>(name: N, spec: CallSpec): Promise<ApiResponse<RouteResponse<N>>> {
    const route: RouteSpec = routes[name];
    if (!route.mutation) throw new Error(`${name} is not a mutation`);
    return (await this.once(route, spec, route.response)) as ApiResponse<RouteResponse<N>>;
  }

  private retryDelay(error: unknown, attempt: number): number | null {
    if (!(error instanceof OperatorFailure) || attempt >= this.getRetry.maxAttempts) return null;
    const detail = error.detail;
    const transient =
      detail.code === 'timeout' ||
      detail.code === 'unreachable' ||
      RETRYABLE_STATUSES.has(detail.status ?? 0);
    if (!transient) return null;
    const asked = (error as ApiFailure).retryAfterMs ?? null;
    if (asked !== null) return asked <= this.getRetry.maxRetryAfterMs ? asked : null;
    return backoffDelay(this.getRetry, attempt);
  }

  private async once(route: RouteSpec, spec: CallSpec, schema: z.ZodType): Promise<ApiResponse<unknown>> {
    const token = this.options.token();
    if (token === null) {
      throw new OperatorFailure({
        code: 'no_token',
        message: 'This profile has no API token yet. Add one in Settings → Connection.',
        retryable: false,
      });
    }
    const url = `${this.options.baseUrl}${fillPath(route.path, spec.params ?? {})}${toQueryString(spec.query ?? {})}`;
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${token}` };
    if (spec.body !== undefined) headers['content-type'] = 'application/json';
    if (spec.idempotencyKey !== undefined) headers['idempotency-key'] = spec.idempotencyKey;
    if (spec.ifMatchVersion !== undefined) headers['if-match'] = versionTag(spec.ifMatchVersion);

    const started = this.options.clock.now();
    let response: Response;
    try {
      response = await ky(url, {
        method: route.method,
        headers,
        ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
        // ky's own timeout (one timer, aborting ky's own controller) is cheaper
        // than a per-call AbortSignal.timeout, which ky would then have to
        // combine with its controller through AbortSignal.any (bench/proxy-overhead.ts).
        timeout: this.options.timeoutMs(),
        retry: 0,
        throwHttpErrors: false,
        redirect: 'error',
        ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      });
    } catch (error) {
      this.options.onAttempt?.({
        method: route.method,
        route: route.path,
        status: null,
        ms: this.options.clock.now() - started,
      });
      throw transportFailure(error, this.options.timeoutMs());
    }
    this.options.onAttempt?.({
      method: route.method,
      route: route.path,
      status: response.status,
      ms: this.options.clock.now() - started,
    });

    let body: unknown;
    try {
      const text = await response.text();
      body = text === '' ? null : JSON.parse(text);
    } catch (error) {
      if (isTimeoutError(error)) throw transportFailure(error, this.options.timeoutMs());
      if (response.ok) throw contractViolation(route, 'the body is not JSON');
      body = null;
    }
    if (!response.ok) {
      const failure = new ApiFailure(problemToOperatorError(response.status, body));
      failure.retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.options.clock);
      throw failure;
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const where = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
        .join('; ');
      throw contractViolation(route, where);
    }
    return {
      status: response.status,
      data: parsed.data,
      etag: response.headers.get('etag'),
      replayed: response.headers.get('idempotent-replayed') === 'true',
    };
  }
}

/** An HTTP failure that may carry the server's Retry-After. */
class ApiFailure extends OperatorFailure {
  retryAfterMs: number | null = null;
}

function contractViolation(route: RouteSpec, detail: string): OperatorFailure {
  return new OperatorFailure({
    code: 'contract_violation',
    message: `The backend's answer to ${route.method} ${route.path} does not match the API contract (${detail}). The backend may be a different version than this app expects.`,
    retryable: false,
  });
}

function transportFailure(error: unknown, timeoutMs: number): OperatorFailure {
  if (isTimeoutError(error) || (error instanceof Error && error.name === 'TimeoutError')) {
    return new OperatorFailure({
      code: 'timeout',
      message: `The backend did not answer within ${Math.round(timeoutMs / 1000)} s.`,
      retryable: true,
    });
  }
  // The underlying message can name addresses and sockets; the operator gets a plain sentence.
  return new OperatorFailure({
    code: 'unreachable',
    message: 'The backend could not be reached (the connection failed or was dropped).',
    retryable: true,
  });
}

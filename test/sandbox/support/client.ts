import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { fillPath, Problem, type RouteName, routes } from '../../../shared/api';

/** Minimal HTTP client for contract tests: raw status, headers and parsed JSON. */
export interface Res<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string | null;
  body?: unknown;
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Idempotency-Key for POST/PUT; default a fresh UUID. null sends none. */
  key?: string | null;
  ifMatch?: string | number;
}

export class Client {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<Res<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? this.token : options.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if ((method === 'POST' || method === 'PUT') && options.key !== null) {
      headers['idempotency-key'] = options.key ?? randomUUID();
    }
    if (options.ifMatch !== undefined) {
      headers['if-match'] = typeof options.ifMatch === 'number' ? `"${options.ifMatch}"` : options.ifMatch;
    }
    let body: string | Uint8Array | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text.length > 0 ? JSON.parse(text) : null;
    } catch {
      // keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = unknown>(path: string, options?: RequestOptions): Promise<Res<T>> {
    return this.request<T>('GET', path, options);
  }
  post<T = unknown>(path: string, body?: unknown, options: RequestOptions = {}): Promise<Res<T>> {
    return this.request<T>('POST', path, { ...options, body: body ?? {} });
  }
  put<T = unknown>(path: string, body?: unknown, options: RequestOptions = {}): Promise<Res<T>> {
    return this.request<T>('PUT', path, { ...options, body: body ?? {} });
  }

  /** Calls a route from the contract table and checks the committed response against its schema. */
  async call<N extends RouteName>(
    name: N,
    params: Record<string, string>,
    options: RequestOptions & { query?: string } = {},
  ): Promise<Res<Record<string, unknown>>> {
    const route = routes[name];
    const path = fillPath(route.path, params) + (options.query ?? '');
    return this.request<Record<string, unknown>>(route.method, path, options);
  }
}

/** Asserts an RFC 9457 problem with the given status and code. */
export function expectProblem(res: Res, status: number, code: string): Problem {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = Problem.parse(res.body);
  expect(problem.code).toBe(code);
  expect(problem.status).toBe(status);
  return problem;
}

export function sandboxClients(sb: { url: string; adminToken: string; supportToken: string }) {
  return { admin: new Client(sb.url, sb.adminToken), support: new Client(sb.url, sb.supportToken) };
}

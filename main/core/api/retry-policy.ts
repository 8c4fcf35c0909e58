import type { Clock } from '../platform/clock';

/** Statuses worth another try: the request may not have been processed, or we were told to wait. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

export type RetryPolicy = {
  /** Attempts in total, including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the error goes to the operator instead. */
  maxRetryAfterMs: number;
};

export const DEFAULT_GET_RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 4000,
  maxRetryAfterMs: 30_000,
};

/** Exponential backoff: 250 ms, 500 ms, 1 s … capped. No jitter: one operator, one app. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * Milliseconds a Retry-After header asks us to wait (delta-seconds or an
 * HTTP date), or null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, clock: Clock): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - clock.now());
}

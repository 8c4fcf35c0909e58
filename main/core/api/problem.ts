import { errorCodes, isErrorCode, Problem } from '../../../shared/api';
import type { OperatorError } from '../../../shared/ipc/envelope';
import { RETRYABLE_STATUSES } from './retry-policy';

/** Backend field names are snake_case; the bridge speaks camelCase, so forms can match them. */
export function camelField(field: string): string {
  return field.replace(/^body\./, '').replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * Turns a non-2xx answer into the one error shape. RFC 9457 problem+json is
 * read when present; anything else (an HTML error page from a proxy, say) is
 * described by its status alone, never echoed.
 */
export function problemToOperatorError(status: number, body: unknown): OperatorError {
  const parsed = Problem.safeParse(body);
  const retryable = RETRYABLE_STATUSES.has(status);
  if (!parsed.success) {
    return {
      code: status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : `http_${status}`,
      message: `The backend answered HTTP ${status} without a readable explanation.`,
      status,
      retryable,
    };
  }
  const problem = parsed.data;
  const known = isErrorCode(problem.code) ? errorCodes[problem.code] : null;
  const error: OperatorError = {
    code: problem.code,
    message: problem.detail || known?.title || `HTTP ${status}`,
    status,
    retryable,
  };
  if (problem.errors && problem.errors.length > 0) {
    error.fields = problem.errors.map((f) => ({ field: camelField(f.field), message: f.message }));
  }
  if (problem.wallet) error.current = { wallet: problem.wallet };
  return error;
}

import { type ErrorCode, errorCodes, type Problem, problemType } from '../../shared/api';
import { ApiError } from '../domain/errors';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function problemBody(error: ApiError, instance: string, requestId: string): Problem {
  const problem: Problem = {
    type: problemType(error.code),
    title: errorCodes[error.code].title,
    status: error.status,
    detail: error.message,
    code: error.code,
    instance,
    request_id: requestId,
  };
  if (error.extra.errors) problem.errors = error.extra.errors;
  if (error.extra.wallet) problem.wallet = error.extra.wallet;
  return problem;
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed_json',
};

/**
 * Turns anything thrown while handling a request into an ApiError. Errors
 * Fastify raises about the request itself (body parsing, size, media type)
 * are the client's fault and keep their 4xx; only genuine bugs become 500.
 */
export function toApiError(error: unknown): { apiError: ApiError; bug: boolean } {
  if (error instanceof ApiError) return { apiError: error, bug: false };
  const e = error as { code?: unknown; statusCode?: unknown; message?: unknown; name?: unknown };
  const code = typeof e.code === 'string' ? fastifyCodes[e.code] : undefined;
  if (code) return { apiError: new ApiError(code, errorCodes[code].meaning), bug: false };
  if (e.name === 'SyntaxError' || (typeof e.statusCode === 'number' && e.statusCode === 400)) {
    const message = typeof e.message === 'string' ? e.message : 'The request body is not valid JSON.';
    return { apiError: new ApiError('malformed_json', message), bug: false };
  }
  if (typeof e.statusCode === 'number' && e.statusCode === 413) {
    return { apiError: new ApiError('payload_too_large'), bug: false };
  }
  if (typeof e.statusCode === 'number' && e.statusCode === 415) {
    return { apiError: new ApiError('unsupported_media_type'), bug: false };
  }
  return { apiError: new ApiError('internal_error', 'The sandbox hit an unexpected error.'), bug: true };
}

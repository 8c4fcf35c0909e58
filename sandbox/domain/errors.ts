import { type ErrorCode, errorCodes, type FieldError, type Wallet } from '../../shared/api';

/**
 * A refusal the API reports as problem+json. Thrown anywhere inside a request
 * (including inside a SQLite transaction, which it rolls back).
 */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly extra: { errors?: FieldError[]; wallet?: Wallet; status?: number } = {},
  ) {
    super(detail ?? errorCodes[code].meaning);
    this.name = 'ApiError';
    this.status = extra.status ?? errorCodes[code].status;
  }
}

export function validationError(errors: FieldError[], detail?: string): ApiError {
  const summary = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return new ApiError('validation_failed', detail ?? `The request is invalid: ${summary}`, { errors });
}

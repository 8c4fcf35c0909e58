import { type OperatorError, operatorErrorSchema } from '../../../shared/ipc/envelope';

/** An error raised on purpose inside main, already in the shape the renderer sees. */
export class OperatorFailure extends Error {
  constructor(readonly detail: OperatorError) {
    super(detail.message);
    this.name = 'OperatorFailure';
  }
}

/**
 * Turns anything thrown inside main into the one serialisable error shape.
 * Unknown errors are reported generically on purpose: their messages may carry
 * request details we never want to cross the bridge.
 */
export function toOperatorError(error: unknown): OperatorError {
  if (error instanceof OperatorFailure) return error.detail;
  const parsed = operatorErrorSchema.safeParse(error);
  if (parsed.success) return parsed.data;
  return {
    code: 'internal_error',
    message: 'Something went wrong inside the app. Details are in the log.',
    retryable: false,
  };
}

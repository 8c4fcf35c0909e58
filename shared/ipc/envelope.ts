import { z } from 'zod';

/**
 * The one error shape that crosses from main to the renderer. Everything the
 * renderer can learn about a failure is in here, so nothing else (stack
 * traces, request headers, tokens) can leak by accident.
 */
export const operatorErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  status: z.number().int().optional(),
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  retryable: z.boolean(),
  current: z.unknown().optional(),
});
export type OperatorError = z.infer<typeof operatorErrorSchema>;

/** Handlers never throw across the bridge: they resolve to an envelope. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: OperatorError };

export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function fail(error: OperatorError): Envelope<never> {
  return { ok: false, error };
}

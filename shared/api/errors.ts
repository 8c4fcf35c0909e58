/**
 * Every machine-readable error code of the contract, with its HTTP status and
 * meaning. The sandbox answers with exactly these; docs/CONTRACT.md and the
 * OpenAPI document are generated/written from this table; the app maps codes to
 * operator-facing messages. Adding a code is a contract change.
 */
export const errorCodes = {
  malformed_json: { status: 400, title: 'Malformed JSON', meaning: 'The request body is not valid JSON.' },
  idempotency_key_required: {
    status: 400,
    title: 'Idempotency-Key required',
    meaning: 'Every POST and PUT needs an Idempotency-Key header of 1–255 characters.',
  },
  invalid_cursor: {
    status: 400,
    title: 'Invalid cursor',
    meaning: 'The paging cursor was not produced by this list endpoint (or was altered).',
  },
  unauthenticated: {
    status: 401,
    title: 'Unauthenticated',
    meaning: 'The Authorization header is missing or its bearer token is not recognised.',
  },
  insufficient_credits: {
    status: 402,
    title: 'Insufficient credits',
    meaning: "The tenant's balance is below the workload's estimate, so the reservation cannot be made.",
  },
  forbidden: {
    status: 403,
    title: 'Forbidden',
    meaning: 'The token is valid but its role may not call this route (support calling an admin route).',
  },
  not_found: {
    status: 404,
    title: 'Not found',
    meaning: 'No such route, or no tenant/workload/endpoint with that id.',
  },
  tenant_not_active: {
    status: 409,
    title: 'Tenant not active',
    meaning:
      'The operation needs an active tenant (workload creation, replenishment, issuing the first month).',
  },
  tenant_suspended: {
    status: 409,
    title: 'Tenant suspended',
    meaning: 'A suspended tenant cannot be activated through a subscription change.',
  },
  no_plan: {
    status: 409,
    title: 'No plan',
    meaning: 'Replenishment needs a tenant with a subscription plan.',
  },
  already_replenished: {
    status: 409,
    title: 'Already replenished',
    meaning: "The tenant's credits were already issued for this calendar month (UTC) of the backend clock.",
  },
  workload_not_terminal: {
    status: 409,
    title: 'Workload not terminal',
    meaning: 'Reconciliation needs a workload that succeeded, failed or was cancelled.',
  },
  workload_terminal: {
    status: 409,
    title: 'Workload already finished',
    meaning: 'Only a queued, fetching, instrumenting or running workload can be cancelled.',
  },
  already_reconciled: {
    status: 409,
    title: 'Already reconciled',
    meaning: 'The workload was already reconciled; reconciliation happens at most once.',
  },
  precondition_failed: {
    status: 412,
    title: 'Precondition failed',
    meaning:
      "If-Match does not name the wallet's current version: someone else changed the wallet. The body carries the current wallet.",
  },
  payload_too_large: { status: 413, title: 'Payload too large', meaning: 'The request body exceeds 1 MiB.' },
  unsupported_media_type: {
    status: 415,
    title: 'Unsupported media type',
    meaning: 'Request bodies must be application/json.',
  },
  validation_failed: {
    status: 422,
    title: 'Validation failed',
    meaning: 'The body or query parameters break the contract; `errors[]` names every offending field.',
  },
  unknown_plan: {
    status: 422,
    title: 'Unknown plan',
    meaning: 'The plan is not one the backend recognises (see GET /v1/plans).',
  },
  idempotency_key_reused: {
    status: 422,
    title: 'Idempotency key reused',
    meaning: 'The Idempotency-Key was already used within 24 h for a different request.',
  },
  precondition_required: {
    status: 428,
    title: 'Precondition required',
    meaning:
      "Wallet-changing routes need an If-Match header carrying the wallet version (the tenant's ETag).",
  },
  internal_error: {
    status: 500,
    title: 'Internal error',
    meaning: 'A bug in the backend. Never the answer to bad input.',
  },
  injected_fault: {
    status: 503,
    title: 'Injected fault',
    meaning:
      'Sandbox only: the status was injected through POST /sandbox/faults (the status may be any 4xx/5xx).',
  },
} as const satisfies Record<string, { status: number; title: string; meaning: string }>;

export type ErrorCode = keyof typeof errorCodes;
export const errorCodeList = Object.keys(errorCodes) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value);
}

/** Problem `type` URIs are stable identifiers, not fetchable pages. */
export function problemType(code: ErrorCode): string {
  return `https://docs.modelmachines.ai/problems/${code.replaceAll('_', '-')}`;
}

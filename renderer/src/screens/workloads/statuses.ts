import type { WorkloadStatus } from '../../../../shared/api/schemas';

/**
 * A literal copy of the contract's statuses, so the renderer bundle stays free
 * of zod; `satisfies` and the exhaustiveness check below fail the typecheck if
 * the contract gains or loses a status (as for the wallet's transaction types).
 */
export const WORKLOAD_STATUSES = [
  'queued',
  'fetching',
  'instrumenting',
  'running',
  'succeeded',
  'failed',
  'cancelled',
] as const satisfies readonly WorkloadStatus[];

type Unlisted = Exclude<WorkloadStatus, (typeof WORKLOAD_STATUSES)[number]>;
export const everyWorkloadStatusListed: [Unlisted] extends [never] ? true : Unlisted = true;

export const TERMINAL = new Set<string>(['succeeded', 'failed', 'cancelled'] satisfies WorkloadStatus[]);
/** The lifecycle steps shown on the timeline; the last is whichever terminal status it reached. */
export const STEPS = [
  'queued',
  'fetching',
  'instrumenting',
  'running',
] as const satisfies readonly WorkloadStatus[];

export const WORKLOAD_STATUSES = [
  'queued',
  'fetching',
  'instrumenting',
  'running',
  'succeeded',
  'failed',
  'cancelled',
] as const;
export const TERMINAL = new Set<string>(['succeeded', 'failed', 'cancelled']);
/** The lifecycle steps shown on the timeline; the last is whichever terminal status it reached. */
export const STEPS = ['queued', 'fetching', 'instrumenting', 'running'] as const;

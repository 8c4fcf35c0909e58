import { humanize } from '../lib/format';

const TONES: Record<string, 'ok' | 'warn' | 'bad' | 'info' | 'muted'> = {
  active: 'ok',
  succeeded: 'ok',
  committed: 'ok',
  depleted_grace: 'warn',
  pending_subscription: 'warn',
  running: 'info',
  queued: 'muted',
  fetching: 'info',
  instrumenting: 'info',
  pending: 'warn',
  unknown: 'warn',
  suspended: 'bad',
  failed: 'bad',
  cancelled: 'muted',
};

/** A status pill. Colour is never the only signal: the status word is always written out. */
export function Badge({ status, label }: { status: string; label?: string }) {
  return <span className={`badge badge-${TONES[status] ?? 'muted'}`}>{label ?? humanize(status)}</span>;
}

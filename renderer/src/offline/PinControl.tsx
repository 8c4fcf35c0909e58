import { useQueryClient } from '@tanstack/react-query';
import { call, toOperatorError } from '../bridge/client';
import { formatTime } from '../lib/format';
import { toast } from '../state/toasts';
import { cacheListKey, useCacheEntry, useIsOffline, usePins } from './hooks';

/**
 * "Pin for offline": downloads the tenant's whole history with a progress bar
 * and Cancel; on a pinned tenant the same button refreshes only what is new.
 */
export function PinControl({ tenantId }: { tenantId: string }) {
  const qc = useQueryClient();
  const offline = useIsOffline();
  const entry = useCacheEntry(tenantId);
  const running = usePins((s) => (tenantId in s.running ? (s.running[tenantId] ?? null) : undefined));
  const pins = usePins();

  const start = async () => {
    pins.set(tenantId, null);
    try {
      const result = await call('cache.pin', { tenantId });
      toast({
        tone: 'success',
        title: entry?.pinned ? 'Offline copy refreshed' : 'Pinned for offline',
        detail: `${result.transactionsCached.toLocaleString('en-US')} transactions cached (${result.transactionsFetched.toLocaleString('en-US')} downloaded now).`,
      });
    } catch (e) {
      const error = toOperatorError(e);
      toast({
        tone: error.code === 'cancelled' ? 'info' : 'error',
        title: error.code === 'cancelled' ? 'Pinning cancelled' : 'Pinning failed',
        detail: error.message,
      });
    } finally {
      pins.done(tenantId);
      void qc.invalidateQueries({ queryKey: cacheListKey });
    }
  };

  if (running !== undefined) {
    const total = running?.transactionsTotal ?? 0;
    const cached = running?.transactionsCached ?? 0;
    return (
      <span className="pin-control" data-testid="pin-progress">
        <progress
          max={Math.max(total, 1)}
          value={total ? Math.min(cached, total) : undefined}
          aria-label="Pinning for offline"
        />
        <span className="hint">
          {running
            ? `${running.phase}: ${cached.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`
            : 'Starting…'}
        </span>
        <button
          type="button"
          className="btn"
          data-testid="pin-cancel"
          onClick={() => void call('cache.cancel', { tenantId }).catch(() => {})}
        >
          Cancel
        </button>
      </span>
    );
  }
  return (
    <span className="pin-control">
      <button
        type="button"
        className="btn"
        data-testid="pin-button"
        disabled={offline}
        title={
          offline
            ? 'Pinning needs the backend. Go online first.'
            : entry?.pinned
              ? `Pinned ${formatTime(entry.pinnedAt)} UTC; last refreshed ${formatTime(entry.lastRefreshAt)} UTC. Fetches only what is new.`
              : "Download this tenant's full history so it can be read offline."
        }
        onClick={() => void start()}
      >
        {entry?.pinned ? 'Refresh offline copy' : 'Pin for offline'}
      </button>
    </span>
  );
}

import { useMutation } from '@tanstack/react-query';
import { call, toOperatorError } from '../bridge/client';
import { formatTime } from '../lib/format';
import { toast } from '../state/toasts';
import { useOfflineView, usePinProgressEvents } from './hooks';
import './offline.css';

/**
 * "Offline: cached data as of <time>, profile <name>", above everything, for
 * as long as the app shows cached data. Going back online is the operator's
 * choice, offered as soon as the backend answers again.
 */
export function OfflineBanner() {
  usePinProgressEvents();
  const view = useOfflineView().data;
  const goOnline = useMutation({
    mutationFn: () => call('offline.set', { offline: false }),
    onError: (e) =>
      toast({ tone: 'error', title: 'Could not go online', detail: toOperatorError(e).message }),
  });
  if (view?.mode !== 'offline') return null;
  const why =
    view.reason === 'manual'
      ? 'You chose to work offline.'
      : view.onlineAvailable
        ? 'The backend is reachable again.'
        : 'The backend is unreachable.';
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <strong>
        Offline: cached data as of {formatTime(view.lastSyncAt)} UTC, profile {view.profileName ?? '—'}
      </strong>
      <span className="offline-why">
        {why} Changes are disabled: mutations are never queued.
        {view.cache.state === 'off' ? ' The offline cache is off, so there is nothing cached to show.' : ''}
      </span>
      <button
        type="button"
        className="btn btn-small"
        data-testid="go-online"
        disabled={goOnline.isPending || (view.reason === 'unreachable' && !view.onlineAvailable)}
        title={
          view.reason === 'unreachable' && !view.onlineAvailable
            ? 'Waiting for the backend to answer…'
            : undefined
        }
        onClick={() => goOnline.mutate()}
      >
        {view.onlineAvailable || view.reason === 'manual' ? 'Go online' : 'Waiting for the backend…'}
      </button>
    </div>
  );
}

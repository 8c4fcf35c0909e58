import { useMutation } from '@tanstack/react-query';
import { call, toOperatorError } from '../bridge/client';
import { toast } from '../state/toasts';
import { useOfflineView } from './hooks';

/** The manual "Work offline" switch in the top bar (the banner offers the way back). */
export function WorkOfflineToggle() {
  const view = useOfflineView().data;
  const set = useMutation({
    mutationFn: (offline: boolean) => call('offline.set', { offline }),
    onError: (e) => toast({ tone: 'error', title: 'Could not switch', detail: toOperatorError(e).message }),
  });
  if (!view) return null;
  const offline = view.mode === 'offline';
  return (
    <button
      type="button"
      className="btn btn-small"
      aria-pressed={offline}
      data-testid="work-offline"
      disabled={set.isPending}
      title={offline ? 'Go back online' : 'Show cached data only and disable every change'}
      onClick={() => set.mutate(!offline)}
    >
      {offline ? 'Go online' : 'Work offline'}
    </button>
  );
}

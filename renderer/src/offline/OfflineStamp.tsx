import { formatTime } from '../lib/format';
import { useTenant } from '../state/tenant';
import { type Dataset, useCacheEntry, useIsOffline } from './hooks';

/** Under a screen title while offline: how old the cached data on screen is, or that it is not cached. */
export function OfflineStamp({ dataset }: { dataset: Dataset }) {
  const offline = useIsOffline();
  const tenantId = useTenant((s) => s.tenantId);
  const entry = useCacheEntry(tenantId);
  if (!offline) return null;
  const asOf = entry?.asOf[dataset] ?? null;
  return (
    <p className="offline-stamp" data-testid="offline-stamp">
      {asOf
        ? `Cached · as of ${formatTime(asOf)} UTC${dataset === 'transactions' && entry && !entry.ledgerComplete ? ' · partial history (not pinned in full)' : ''}`
        : 'Not in the offline cache for this tenant. Pin it while online to read it offline.'}
    </p>
  );
}

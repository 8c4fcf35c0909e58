import { useIsFetching, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { Dataset } from '../offline/hooks';
import { OfflineStamp } from '../offline/OfflineStamp';
import { refreshAll } from '../queries/client';

/** Title, one line on what the screen is for, its actions, and a refresh (R) that refetches what is shown. */
export function ScreenHeader({
  title,
  subtitle,
  actions,
  stamp,
}: {
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  /** Which cached data the screen shows: offline, its age is stamped under the title. */
  stamp?: Dataset;
}) {
  const qc = useQueryClient();
  const fetching = useIsFetching() > 0;
  return (
    <div className="screen-header">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="subtitle">{subtitle}</p> : null}
        {stamp ? <OfflineStamp dataset={stamp} /> : null}
      </div>
      <div className="screen-actions">
        {actions}
        <button
          type="button"
          className="btn"
          data-refresh=""
          aria-busy={fetching}
          onClick={() => void refreshAll(qc)}
          title="Refetch everything on screen (R)"
        >
          {fetching ? 'Refreshing…' : 'Refresh'} <kbd>R</kbd>
        </button>
      </div>
    </div>
  );
}

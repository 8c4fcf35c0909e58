import { useIsFetching, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';

/** Title, one line on what the screen is for, its actions, and a refresh (R) that refetches what is shown. */
export function ScreenHeader({
  title,
  subtitle,
  actions,
}: {
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  const qc = useQueryClient();
  const fetching = useIsFetching() > 0;
  return (
    <div className="screen-header">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="subtitle">{subtitle}</p> : null}
      </div>
      <div className="screen-actions">
        {actions}
        <button
          type="button"
          className="btn"
          data-refresh=""
          aria-busy={fetching}
          onClick={() => void qc.invalidateQueries()}
          title="Refetch everything on screen (R)"
        >
          {fetching ? 'Refreshing…' : 'Refresh'} <kbd>R</kbd>
        </button>
      </div>
    </div>
  );
}

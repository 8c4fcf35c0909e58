import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { call, toOperatorError } from '../bridge/client';
import { ErrorState } from '../components/ErrorState';
import { formatTime } from '../lib/format';
import { toast } from '../state/toasts';
import { cacheListKey, cacheStatusKey, offlineKey, useCacheList, useCacheStatus } from './hooks';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Settings → Offline cache: on/off, keyring warning and opt-in, expiry, sizes, purge. */
export function OfflineCachePanel() {
  const qc = useQueryClient();
  const status = useCacheStatus();
  const list = useCacheList();
  const [days, setDays] = useState('');
  useEffect(() => {
    if (status.data) setDays(String(status.data.settings.expiryDays));
  }, [status.data]);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: cacheStatusKey });
    void qc.invalidateQueries({ queryKey: cacheListKey });
    void qc.invalidateQueries({ queryKey: offlineKey });
  };
  const settings = useMutation({
    mutationFn: (change: { enabled?: boolean; allowWeakKeyProtection?: boolean; expiryDays?: number }) =>
      call('cache.settings', change),
    onSuccess: (s) => {
      qc.setQueryData(cacheStatusKey, s);
      refresh();
      toast({ tone: 'success', title: `Offline cache ${s.state === 'on' ? 'on' : 'off'}` });
    },
    onError: (e) => toast({ tone: 'error', title: 'Not saved', detail: toOperatorError(e).message }),
  });
  const purge = useMutation({
    mutationFn: (tenantId: string | null) =>
      tenantId ? call('cache.purge', { tenantId }) : call('cache.purgeAll', {}),
    onSuccess: () => {
      refresh();
      toast({ tone: 'success', title: 'Purged from the offline cache' });
    },
    onError: (e) => toast({ tone: 'error', title: 'Purge failed', detail: toOperatorError(e).message }),
  });
  const s = status.data;
  const daysNumber = Number(days);
  const daysError =
    !Number.isInteger(daysNumber) || daysNumber < 1 || daysNumber > 365 ? '1 to 365 days.' : null;
  return (
    <section className="panel" aria-labelledby="cache-title" data-testid="offline-cache-panel">
      <h2 id="cache-title">Offline cache</h2>
      <p className="help">
        Tenants you read or pin are kept encrypted on this computer so support can read them when the backend
        is out of reach. Cached data is always shown with its age; changes are never made or queued offline.
      </p>
      {status.isError ? <ErrorState error={status.error} onRetry={() => void status.refetch()} /> : null}
      {s ? (
        <>
          <p data-testid="cache-state">
            <strong>{s.state === 'on' ? 'On' : 'Off'}</strong>
            {s.state === 'on' && s.protection === 'os' ? ' — key protected by the OS keyring.' : ''}
          </p>
          {s.warning ? (
            <p className="hint hint-locked" role="note">
              {s.warning}
            </p>
          ) : null}
          <div className="form-actions">
            {s.reason === 'no_keyring' ? (
              <button
                type="button"
                className="btn"
                onClick={() => settings.mutate({ allowWeakKeyProtection: true })}
              >
                Turn on anyway (weak key protection)
              </button>
            ) : null}
            {s.reason !== 'encryption_unavailable' && s.reason !== 'no_keyring' ? (
              <button
                type="button"
                className="btn"
                data-testid="cache-toggle"
                onClick={() => settings.mutate({ enabled: !s.settings.enabled })}
              >
                {s.settings.enabled ? 'Turn off and wipe the cache' : 'Turn on'}
              </button>
            ) : null}
          </div>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!daysError) settings.mutate({ expiryDays: daysNumber });
            }}
          >
            <label className="filter">
              <span>Purge data not refreshed for (days)</span>
              <input
                className="input num-input"
                inputMode="numeric"
                value={days}
                aria-invalid={Boolean(daysError)}
                onChange={(e) => setDays(e.target.value)}
              />
            </label>
            {daysError ? <span className="hint">{daysError}</span> : null}
            <button type="submit" className="btn" disabled={Boolean(daysError) || settings.isPending}>
              Save expiry
            </button>
          </form>
        </>
      ) : null}
      {list.data && list.data.tenants.length > 0 ? (
        <>
          <table className="cache-table" data-testid="cache-table">
            <caption className="help">
              {list.data.tenants.length} tenants, {size(list.data.totalBytes)} on disk
            </caption>
            <thead>
              <tr>
                <th scope="col">Tenant</th>
                <th scope="col">Pinned</th>
                <th scope="col">Last refresh (UTC)</th>
                <th scope="col" className="num">
                  Transactions
                </th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.tenants.map((e) => (
                <tr key={e.tenantId}>
                  <td>
                    {e.name ?? e.tenantId} <code>{e.tenantId}</code>
                    {e.damaged ? (
                      <span className="hint hint-locked"> damaged file set aside; refresh it</span>
                    ) : null}
                  </td>
                  <td>{e.pinned ? `yes${e.ledgerComplete ? '' : ' (partial)'}` : 'no'}</td>
                  <td>{formatTime(e.lastRefreshAt)}</td>
                  <td className="num">{e.transactions.toLocaleString('en-US')}</td>
                  <td className="num">{size(e.sizeBytes)}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={`Purge ${e.name ?? e.tenantId} from the offline cache`}
                      onClick={() => purge.mutate(e.tenantId)}
                    >
                      Purge
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="form-actions">
            <button
              type="button"
              className="btn"
              data-testid="cache-purge-all"
              onClick={() => purge.mutate(null)}
            >
              Purge all cached data of this profile
            </button>
          </div>
        </>
      ) : s?.state === 'on' ? (
        <p className="help">Nothing cached yet for this profile.</p>
      ) : null}
    </section>
  );
}

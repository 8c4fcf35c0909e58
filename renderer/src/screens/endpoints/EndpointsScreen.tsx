import { useEffect } from 'react';
import { call } from '../../bridge/client';
import type { Endpoint } from '../../bridge/types';
import { Badge } from '../../components/Badge';
import { Countdown } from '../../components/Countdown';
import { Credits } from '../../components/Credits';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { ScreenHeader } from '../../components/ScreenHeader';
import { Skeleton } from '../../components/Skeleton';
import { TenantRequired } from '../../components/TenantRequired';
import { formatTime } from '../../lib/format';
import { describeRunway, displayUnits, runway, sumCredits } from '../../lib/money';
import { useEndpoints, useTenant as useTenantQuery } from '../../queries/data';
import { useNavigation } from '../../state/navigation';
import { useTenant } from '../../state/tenant';

/** Endpoints that the meter charges: active and those in their grace period. */
export function burning(endpoints: readonly Endpoint[]): Endpoint[] {
  return endpoints.filter((e) => e.status === 'active' || e.status === 'depleted_grace');
}

export function EndpointsScreen() {
  const route = useNavigation((s) => s.route);
  const select = useTenant((s) => s.select);
  const focusId = route.section === 'detail' ? route.id : null;

  // Opening an endpoint by id (palette) follows it to its tenant.
  useEffect(() => {
    if (!focusId) return;
    let live = true;
    call('endpoints.get', { endpointId: focusId })
      .then((e) => {
        if (live && e.tenant_id !== useTenant.getState().tenantId) select(e.tenant_id);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [focusId, select]);

  return (
    <TenantRequired>
      {(id) => (
        <>
          <ScreenHeader
            title="Endpoints"
            stamp="endpoints"
            subtitle="Runtime and billing state: what each endpoint burns, and how long the balance lasts."
          />
          <EndpointsBody tenantId={id} focusId={focusId} />
        </>
      )}
    </TenantRequired>
  );
}

function EndpointsBody({ tenantId, focusId }: { tenantId: string; focusId: string | null }) {
  const endpoints = useEndpoints(tenantId);
  const tenant = useTenantQuery(tenantId);
  if (endpoints.isPending || tenant.isPending) return <Skeleton label="Loading endpoints…" />;
  if (endpoints.isError)
    return <ErrorState error={endpoints.error} onRetry={() => void endpoints.refetch()} />;
  if (tenant.isError) return <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} />;
  const list = endpoints.data;
  const burn = burning(list);
  const rates = burn.map((e) => e.rate_per_hour);
  const r = runway(tenant.data.wallet.balance, rates);
  return (
    <>
      <div className="cards">
        <div className="card">
          <p className="card-label">Balance</p>
          <p className="card-value">
            <Credits value={tenant.data.wallet.balance} />
          </p>
        </div>
        <div className="card">
          <p className="card-label">Current burn</p>
          <p className="card-value">
            <span className="num">{displayUnits(sumCredits(rates))}</span>{' '}
            <span className="unit">credits/hour</span>
          </p>
        </div>
        <div className="card card-wide">
          <p className="card-label">Runway</p>
          <p className="card-value card-text" data-testid="runway">
            {describeRunway(r)}
          </p>
        </div>
      </div>
      {list.length === 0 ? (
        <EmptyState title="This tenant has no endpoints">
          <p>Endpoints appear here once the tenant deploys one; nothing is being metered.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="endpoints-table">
            <caption className="visually-hidden">Endpoints of {tenantId}</caption>
            <thead>
              <tr>
                <th scope="col">Id</th>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col" className="right">
                  Rate / hour
                </th>
                <th scope="col">Last metered (UTC)</th>
                <th scope="col">Grace ends in</th>
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <tr key={e.id} className={e.id === focusId ? 'is-selected' : undefined} data-endpoint={e.id}>
                  <td>
                    <code>{e.id}</code>
                  </td>
                  <td className="truncate">{e.name}</td>
                  <td>
                    <Badge status={e.status} />
                  </td>
                  <td className="right">
                    <Credits value={e.rate_per_hour} />
                  </td>
                  <td className="num">{formatTime(e.last_metered_at)}</td>
                  <td>
                    {e.status === 'depleted_grace' && e.grace_expires_at ? (
                      <>
                        <Countdown until={e.grace_expires_at} />{' '}
                        <span className="muted">({formatTime(e.grace_expires_at)})</span>
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

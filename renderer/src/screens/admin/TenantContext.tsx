import type { ReactNode } from 'react';
import type { Tenant } from '../../bridge/types';
import { Badge } from '../../components/Badge';
import { Credits } from '../../components/Credits';
import { ErrorState } from '../../components/ErrorState';
import { Skeleton } from '../../components/Skeleton';
import { TenantRequired } from '../../components/TenantRequired';
import { useTenant } from '../../queries/data';

/** The named tenant of a tenant-scoped admin form, loaded and shown above it. */
export function WithTenant({ children }: { children: (tenant: Tenant) => ReactNode }) {
  return <TenantRequired>{(tenantId) => <Loaded tenantId={tenantId}>{children}</Loaded>}</TenantRequired>;
}

function Loaded({ tenantId, children }: { tenantId: string; children: (tenant: Tenant) => ReactNode }) {
  const q = useTenant(tenantId);
  if (q.isPending) return <Skeleton rows={3} label="Loading tenant…" />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const t = q.data;
  return (
    <>
      <dl className="tenant-strip" data-testid="admin-tenant">
        <div>
          <dt>Tenant</dt>
          <dd>
            <span className="tenant-name">{t.name}</span> <code>{t.id}</code>
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <Badge status={t.status} />
          </dd>
        </div>
        <div>
          <dt>Plan</dt>
          <dd>{t.plan ?? <span className="muted">none</span>}</dd>
        </div>
        <div>
          <dt>Monthly credits</dt>
          <dd>
            {t.monthly_credits ? <Credits value={t.monthly_credits} /> : <span className="muted">—</span>}
          </dd>
        </div>
        <div>
          <dt>Balance</dt>
          <dd>
            <Credits value={t.wallet.balance} />
          </dd>
        </div>
        <div>
          <dt>Last replenished</dt>
          <dd>{t.last_replenished_period ?? <span className="muted">never</span>}</dd>
        </div>
      </dl>
      {children(t)}
    </>
  );
}

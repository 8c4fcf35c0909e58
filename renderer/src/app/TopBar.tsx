import { Badge } from '../components/Badge';
import { WorkOfflineToggle } from '../offline/WorkOfflineToggle';
import { useConnection } from '../queries/connection';
import { useTenant as useTenantQuery } from '../queries/data';
import { useNavigation } from '../state/navigation';
import { useOverlays } from '../state/overlays';
import { useTenant } from '../state/tenant';
import { environmentOf } from './environment';

/** Tenant switcher button and the always-visible connection profile. */
export function TopBar() {
  const show = useOverlays((s) => s.show);
  const go = useNavigation((s) => s.go);
  const tenantId = useTenant((s) => s.tenantId);
  const tenant = useTenantQuery(tenantId);
  const connection = useConnection();
  const status = connection.data;
  const env = environmentOf(status);
  return (
    <header className="topbar">
      <span className="brand">ModelMachines</span>
      <button
        type="button"
        className="tenant-button"
        onClick={() => show('tenants')}
        data-testid="tenant-button"
        title="Switch tenant (T)"
      >
        {tenantId ? (
          <>
            <span className="tenant-name">{tenant.data?.name ?? tenantId}</span> <code>{tenantId}</code>
            {tenant.data ? <Badge status={tenant.data.status} /> : null}
          </>
        ) : (
          <span className="muted">Choose a tenant…</span>
        )}
        <kbd>T</kbd>
      </button>
      <span className="spacer" />
      <WorkOfflineToggle />
      <button
        type="button"
        className={`profile-chip env-chip-${env.kind ?? 'unknown'}`}
        onClick={() => go('settings')}
        data-testid="profile-chip"
        title="Connection profile (open Settings)"
      >
        <span className="profile-name">{status?.profile?.name ?? 'No profile'}</span>
        <span className="profile-env">{env.label}</span>
        {status?.me ? (
          <span className="profile-actor">
            {status.me.actor.name} · {status.me.actor.role}
          </span>
        ) : (
          <span className="profile-actor">{status ? status.state.replaceAll('_', ' ') : 'connecting…'}</span>
        )}
      </button>
    </header>
  );
}

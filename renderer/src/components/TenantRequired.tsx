import type { ReactNode } from 'react';
import { useOverlays } from '../state/overlays';
import { useTenant } from '../state/tenant';
import { EmptyState } from './EmptyState';

/** Tenant-scoped screens render their content only once a tenant is chosen. */
export function TenantRequired({ children }: { children: (tenantId: string) => ReactNode }) {
  const tenantId = useTenant((s) => s.tenantId);
  const show = useOverlays((s) => s.show);
  if (!tenantId) {
    return (
      <EmptyState title="No tenant selected">
        <p>This screen shows one tenant at a time. Press T or use the button to choose one by name or id.</p>
        <button type="button" className="btn btn-primary" onClick={() => show('tenants')}>
          Choose a tenant
        </button>
      </EmptyState>
    );
  }
  return <>{children(tenantId)}</>;
}

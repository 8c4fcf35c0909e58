import { useNavigation } from './navigation';
import { useTenant } from './tenant';

/**
 * Choosing another tenant: a detail view of the previous tenant's workload or
 * endpoint would now be misleading, so it closes; forms and lists stay put.
 */
export function switchTenant(tenantId: string): void {
  useTenant.getState().select(tenantId);
  const { route, go } = useNavigation.getState();
  if (route.section === 'detail') go(route.screen);
}

import { ADMIN_SECTIONS } from '../../components/CommandPalette';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useNavigation } from '../../state/navigation';
import { AdjustmentForm } from './AdjustmentForm';
import { CrossTenantViews } from './CrossTenantViews';
import { MeteringTick } from './MeteringTick';
import { ReconciliationQueue } from './ReconciliationQueue';
import { ReplenishmentForm } from './ReplenishmentForm';
import { SubscriptionForm } from './SubscriptionForm';

type SectionId = (typeof ADMIN_SECTIONS)[number]['id'];

export function AdminScreen() {
  const route = useNavigation((s) => s.route);
  const go = useNavigation((s) => s.go);
  const section: SectionId = (ADMIN_SECTIONS.find((s) => s.id === route.section)?.id ??
    'adjust') as SectionId;
  return (
    <div className="admin">
      <ScreenHeader
        title="Admin"
        subtitle={
          <>
            <span className="scope-label">Internal admin scope</span> Actions on this page change real
            platform state for the named tenant — credits, subscriptions, runtime status. No undo from the UI.
          </>
        }
      />
      <div className="tabs" role="tablist" aria-label="Admin actions">
        {ADMIN_SECTIONS.map((s) => (
          <button
            key={s.id}
            type="button"
            role="tab"
            id={`admin-tab-${s.id}`}
            aria-selected={s.id === section}
            aria-controls="admin-panel"
            tabIndex={s.id === section ? 0 : -1}
            className={s.id === section ? 'tab is-current' : 'tab'}
            onClick={() => go('admin', s.id)}
            onKeyDown={(e) => {
              const i = ADMIN_SECTIONS.findIndex((x) => x.id === section);
              const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (!delta) return;
              e.preventDefault();
              const next = ADMIN_SECTIONS[(i + delta + ADMIN_SECTIONS.length) % ADMIN_SECTIONS.length];
              if (next) {
                go('admin', next.id);
                requestAnimationFrame(() => document.getElementById(`admin-tab-${next.id}`)?.focus());
              }
            }}
          >
            {s.label}
          </button>
        ))}
      </div>
      <div id="admin-panel" role="tabpanel" aria-labelledby={`admin-tab-${section}`} className="tab-panel">
        {section === 'subscription' ? <SubscriptionForm /> : null}
        {section === 'adjust' ? <AdjustmentForm /> : null}
        {section === 'replenish' ? <ReplenishmentForm /> : null}
        {section === 'reconcile' ? <ReconciliationQueue selectedId={route.id} /> : null}
        {section === 'metering' ? <MeteringTick /> : null}
        {section === 'views' ? <CrossTenantViews /> : null}
      </div>
    </div>
  );
}

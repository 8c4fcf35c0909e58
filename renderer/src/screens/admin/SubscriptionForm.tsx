import { useEffect, useState } from 'react';
import type { Tenant } from '../../bridge/types';
import { Field } from '../../components/Field';
import { WriteButton } from '../../components/WriteButton';
import { tryParseCredits } from '../../lib/money';
import { usePlans } from '../../queries/data';
import { requestConfirm } from '../../state/confirm';
import { AdminForm } from './AdminForm';
import { WithTenant } from './TenantContext';

export function SubscriptionForm() {
  return <WithTenant>{(t) => <SubscriptionFields key={t.id} tenant={t} />}</WithTenant>;
}

function SubscriptionFields({ tenant }: { tenant: Tenant }) {
  const plans = usePlans();
  const [plan, setPlan] = useState(tenant.plan ?? '');
  const [credits, setCredits] = useState(tenant.monthly_credits ?? '');
  const [creditsEdited, setCreditsEdited] = useState(false);
  const [activate, setActivate] = useState(tenant.status === 'pending_subscription');
  const [issueFirst, setIssueFirst] = useState(tenant.status === 'pending_subscription');

  // Monthly credits follow the chosen plan's default until the operator types their own.
  useEffect(() => {
    if (creditsEdited) return;
    const p = plans.data?.data.find((x) => x.id === plan);
    if (p) setCredits(p.default_monthly_credits);
  }, [plan, plans.data, creditsEdited]);

  const parsed = tryParseCredits(credits);
  const creditsError =
    credits === ''
      ? 'Required.'
      : !parsed.ok
        ? parsed.error
        : parsed.units <= 0n
          ? 'Must be greater than 0.'
          : null;
  const invalid = !plan ? 'Choose a plan.' : creditsError ? 'Fix monthly credits.' : null;

  return (
    <AdminForm
      title="Subscription parameters"
      warning="Internal admin scope. Submitting this form provisions credits and changes the tenant's onboarding state. Reversible only via further admin actions."
      intro={<p className="help">All fields are required unless marked optional.</p>}
      onSubmit={() => {
        if (invalid) return;
        requestConfirm({
          title: `Set subscription of ${tenant.id}`,
          request: {
            operation: 'subscription.set',
            payload: {
              tenantId: tenant.id,
              plan,
              monthlyCredits: credits,
              activate,
              issueFirstMonth: issueFirst,
            },
          },
        });
      }}
    >
      <Field label="Plan" help="Must match a plan recognized by the backend (from the backend's plan list).">
        {({ id, describedBy }) => (
          <select
            id={id}
            className="input"
            value={plan}
            aria-describedby={describedBy}
            onChange={(e) => setPlan(e.target.value)}
          >
            <option value="">{plans.isPending ? 'Loading plans…' : 'Choose a plan'}</option>
            {plans.data?.data.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.id}) — {p.default_monthly_credits} credits/month
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Monthly credits"
        help="Credits added to the tenant's wallet on each monthly replenishment."
        error={credits !== '' || creditsEdited ? creditsError : null}
      >
        {({ id, describedBy, invalid: bad }) => (
          <input
            id={id}
            className="input num-input"
            inputMode="decimal"
            value={credits}
            aria-describedby={describedBy}
            aria-invalid={bad}
            onChange={(e) => {
              setCredits(e.target.value);
              setCreditsEdited(true);
            }}
          />
        )}
      </Field>
      <label className="check">
        <input type="checkbox" checked={activate} onChange={(e) => setActivate(e.target.checked)} />
        <span>
          Activate
          <span className="help"> Move tenant.status from pending_subscription to active.</span>
        </span>
      </label>
      <label className="check">
        <input type="checkbox" checked={issueFirst} onChange={(e) => setIssueFirst(e.target.checked)} />
        <span>
          Issue first month now
          <span className="help">
            {' '}
            Issue the first month's credits immediately, rather than waiting for the next replenishment cycle.
          </span>
        </span>
      </label>
      <div className="form-actions">
        <WriteButton type="submit" invalidReason={invalid}>
          Preview subscription…
        </WriteButton>
      </div>
    </AdminForm>
  );
}

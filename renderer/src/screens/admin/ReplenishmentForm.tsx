import { useState } from 'react';
import type { Tenant } from '../../bridge/types';
import { Field } from '../../components/Field';
import { WriteButton } from '../../components/WriteButton';
import { tryParseCredits } from '../../lib/money';
import { requestConfirm } from '../../state/confirm';
import { WALLET_WARNING } from './AdjustmentForm';
import { AdminForm } from './AdminForm';
import { WithTenant } from './TenantContext';

export function ReplenishmentForm() {
  return <WithTenant>{(t) => <ReplenishmentFields key={t.id} tenant={t} />}</WithTenant>;
}

function ReplenishmentFields({ tenant }: { tenant: Tenant }) {
  const [amount, setAmount] = useState('');
  const parsed = amount === '' ? null : tryParseCredits(amount);
  const problem =
    parsed === null
      ? null
      : !parsed.ok
        ? parsed.error
        : parsed.units <= 0n
          ? 'Must be greater than 0.'
          : null;
  return (
    <AdminForm
      title="Monthly replenishment"
      warning={WALLET_WARNING}
      intro={
        <>
          <p className="help">
            Issue the configured monthly credit amount. Override the amount only if you need to issue a custom
            value for this cycle.
          </p>
          <p data-testid="last-replenished">
            Last replenished period: <strong>{tenant.last_replenished_period ?? 'never'}</strong>
            {tenant.monthly_credits
              ? ` · plan amount ${tenant.monthly_credits} credits`
              : ' · no plan amount configured'}
          </p>
        </>
      }
      onSubmit={() => {
        if (problem) return;
        requestConfirm({
          title: `Replenish ${tenant.id}`,
          request: {
            operation: 'wallet.replenish',
            payload: { tenantId: tenant.id, ...(amount ? { amount } : {}) },
          },
        });
      }}
    >
      <Field
        label="Amount (credits)"
        optional
        help="Leave blank to use the tenant's plan-configured monthly credit amount."
        error={problem}
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input num-input"
            inputMode="decimal"
            placeholder={tenant.monthly_credits ?? ''}
            value={amount}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onChange={(e) => setAmount(e.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        <WriteButton type="submit" invalidReason={problem ? 'Fix the amount or leave it blank.' : null}>
          Preview replenishment…
        </WriteButton>
      </div>
    </AdminForm>
  );
}

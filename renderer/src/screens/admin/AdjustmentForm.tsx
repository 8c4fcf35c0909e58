import { useState } from 'react';
import type { Tenant } from '../../bridge/types';
import { Credits } from '../../components/Credits';
import { Field } from '../../components/Field';
import { WriteButton } from '../../components/WriteButton';
import { displayUnits, parseCredits, tryParseCredits } from '../../lib/money';
import { requestConfirm } from '../../state/confirm';
import { AdminForm } from './AdminForm';
import { WithTenant } from './TenantContext';

export const WALLET_WARNING =
  "Internal admin scope. Both actions create real wallet transactions visible in the tenant's audit log.";

/** The sign rules of the contract, explained per kind; null when the amount is acceptable. */
export function amountProblem(kind: 'adjustment' | 'top_up', amount: string): string | null {
  if (amount === '') return 'Required.';
  const parsed = tryParseCredits(amount);
  if (!parsed.ok) return `Not a credit amount: ${parsed.error}.`;
  if (kind === 'top_up' && parsed.units <= 0n) return 'top_up requires a positive value.';
  if (kind === 'adjustment' && parsed.units === 0n) return 'An adjustment of 0 changes nothing.';
  return null;
}

export function AdjustmentForm() {
  return <WithTenant>{(t) => <AdjustmentFields key={t.id} tenant={t} />}</WithTenant>;
}

function AdjustmentFields({ tenant }: { tenant: Tenant }) {
  const [kind, setKind] = useState<'adjustment' | 'top_up'>('top_up');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const problem = amountProblem(kind, amount);
  const reasonProblem =
    reason.trim() === '' ? 'Required: say why.' : reason.length > 500 ? 'At most 500 characters.' : null;
  const invalid =
    amount === ''
      ? 'Enter an amount and a reason.'
      : problem
        ? 'Fix the amount.'
        : reasonProblem
          ? 'A reason is required.'
          : null;
  const after = !problem ? displayUnits(parseCredits(tenant.wallet.balance) + parseCredits(amount)) : null;

  return (
    <AdminForm
      title="Manual adjustment or top-up"
      warning={WALLET_WARNING}
      intro={
        <p className="help">
          Use adjustment for corrections (positive or negative). Use top_up for paid additions.
        </p>
      }
      onSubmit={() => {
        if (invalid) return;
        requestConfirm({
          title: `${kind === 'top_up' ? 'Top up' : 'Adjust'} ${tenant.id}`,
          request: { operation: 'wallet.adjust', payload: { tenantId: tenant.id, kind, amount, reason } },
        });
      }}
    >
      <div className="radio-row" role="radiogroup" aria-label="Kind">
        {(['top_up', 'adjustment'] as const).map((k) => (
          <label key={k} className="check">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            <span>{k}</span>
          </label>
        ))}
      </div>
      <Field
        label="Amount (credits)"
        help="For adjustment, negative values are allowed (e.g. -10 to deduct 10 credits). top_up requires a positive value."
        error={amount !== '' ? problem : null}
      >
        {({ id, describedBy, invalid: bad }) => (
          <input
            id={id}
            className="input num-input"
            inputMode="decimal"
            value={amount}
            aria-describedby={describedBy}
            aria-invalid={bad}
            onChange={(e) => setAmount(e.target.value)}
          />
        )}
      </Field>
      {after ? (
        <p className="muted" data-testid="balance-after-hint">
          Balance <Credits value={tenant.wallet.balance} /> → <span className="num">{after}</span> (the
          preview has the final word).
        </p>
      ) : null}
      <Field
        label="Reason"
        help="Persisted on the transaction for audit."
        error={reason !== '' ? reasonProblem : null}
      >
        {({ id, describedBy, invalid: bad }) => (
          <textarea
            id={id}
            className="input"
            rows={2}
            maxLength={500}
            value={reason}
            aria-describedby={describedBy}
            aria-invalid={bad}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        <WriteButton type="submit" invalidReason={invalid}>
          Preview {kind === 'top_up' ? 'top-up' : 'adjustment'}…
        </WriteButton>
      </div>
    </AdminForm>
  );
}

import { WriteButton } from '../../components/WriteButton';
import { useConnection } from '../../queries/connection';
import { requestConfirm } from '../../state/confirm';
import { AdminForm } from './AdminForm';

export function MeteringTick() {
  const { data } = useConnection();
  const production = data?.me?.environment.kind === 'production';
  return (
    <AdminForm
      title="Trigger metering tick"
      warning="Per the integration contract, the runtime meter is currently API-triggered rather than scheduler-driven. Manual ticks consume credits across all currently-active endpoints."
      intro={
        <p className="help">
          A tick walks all active endpoints, computes credits consumed since the last tick, and writes the
          resulting transactions. Side effects: wallet balances change, endpoints may transition to
          depleted_grace or suspended.
        </p>
      }
      onSubmit={() =>
        requestConfirm({
          title: 'Metering tick (all tenants)',
          request: { operation: 'metering.tick', payload: {} },
        })
      }
    >
      <p className="muted">
        The preview shows the blast radius: endpoints metered, credits consumed and tenants crossing into
        depleted_grace or suspended.
        {production ? ' On production you will type the environment name to confirm.' : ''}
      </p>
      <div className="form-actions">
        <WriteButton type="submit">Preview metering tick…</WriteButton>
      </div>
    </AdminForm>
  );
}

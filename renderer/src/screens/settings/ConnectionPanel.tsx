import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call, OperatorFailure } from '../../bridge/client';
import { ErrorState } from '../../components/ErrorState';
import { formatTime } from '../../lib/format';
import { connectionKey, useConnection, writeGate } from '../../queries/connection';

export function ConnectionPanel() {
  const qc = useQueryClient();
  const { data: status, isPending, error } = useConnection();
  const setStatus = (s: Awaited<ReturnType<typeof call<'connection.check'>>>) => {
    qc.setQueryData(connectionKey, s);
    void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'connection' });
  };
  const check = useMutation({ mutationFn: () => call('connection.check', {}), onSuccess: setStatus });
  const ack = useMutation({
    mutationFn: (profileId: string) => call('connection.acknowledgeEnvironment', { profileId }),
    onSuccess: setStatus,
  });
  const gate = writeGate(status);
  return (
    <section className="panel" aria-labelledby="conn-title">
      <h2 id="conn-title">Connection</h2>
      {isPending ? <p>Checking…</p> : null}
      {error ? <ErrorState error={error} /> : null}
      {status ? (
        <dl className="kv" data-testid="connection-status">
          <dt>Profile</dt>
          <dd>{status.profile ? `${status.profile.name} (${status.profile.baseUrl})` : 'none'}</dd>
          <dt>State</dt>
          <dd>{status.state.replaceAll('_', ' ')}</dd>
          <dt>Signed in as</dt>
          <dd>
            {status.me
              ? `${status.me.actor.name} (${status.me.actor.id}), role ${status.me.actor.role}`
              : '—'}
          </dd>
          <dt>Backend environment</dt>
          <dd>{status.me ? `${status.me.environment.name} · ${status.me.environment.kind}` : '—'}</dd>
          <dt>Writes</dt>
          <dd>{gate.allowed ? 'allowed' : gate.reason}</dd>
          <dt>Checked</dt>
          <dd>{formatTime(status.checkedAt)}</dd>
        </dl>
      ) : null}
      {status?.vaultWarning ? (
        <p className="callout callout-warn" role="note" data-testid="vault-warning">
          {status.vaultWarning}
        </p>
      ) : null}
      {status?.error ? <ErrorState error={new OperatorFailure(status.error)} /> : null}
      {status?.environmentMismatch && !status.acknowledged && status.profile ? (
        <div className="callout callout-bad" role="alert">
          <p>
            This profile expects <strong>{status.environmentMismatch.expected}</strong> but the backend says
            it is <strong>{status.environmentMismatch.actual}</strong>. Writes are blocked until you
            acknowledge this.
          </p>
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => status.profile && ack.mutate(status.profile.id)}
            disabled={ack.isPending}
          >
            I understand: allow writes to this {status.environmentMismatch.actual} backend
          </button>
        </div>
      ) : null}
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => check.mutate()} disabled={check.isPending}>
          {check.isPending ? 'Checking…' : 'Check connection'}
        </button>
      </div>
      {check.error ? <ErrorState error={check.error} /> : null}
    </section>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { call } from '../../bridge/client';
import { ErrorState } from '../../components/ErrorState';
import { Field } from '../../components/Field';
import { tryParseCredits } from '../../lib/money';
import { useSettings } from '../../queries/data';
import { toast } from '../../state/toasts';

export function PreferencesPanel() {
  const qc = useQueryClient();
  const settings = useSettings();
  const [threshold, setThreshold] = useState('');
  const [timeout, setTimeoutMs] = useState('');
  useEffect(() => {
    if (settings.data) {
      setThreshold(settings.data.confirmThreshold);
      setTimeoutMs(String(settings.data.requestTimeoutMs));
    }
  }, [settings.data]);
  const parsed = tryParseCredits(threshold);
  const thresholdError = !parsed.ok ? parsed.error : parsed.units < 0n ? 'Must not be negative.' : null;
  const timeoutNumber = Number(timeout);
  const timeoutError = !Number.isInteger(timeoutNumber) || timeoutNumber < 1000 ? 'At least 1000 ms.' : null;
  const save = useMutation({
    mutationFn: () =>
      call('settings.update', { confirmThreshold: threshold, requestTimeoutMs: timeoutNumber }),
    onSuccess: (s) => {
      qc.setQueryData(['settings'], s);
      toast({ tone: 'success', title: 'Settings saved' });
    },
  });
  return (
    <section className="panel" aria-labelledby="prefs-title">
      <h2 id="prefs-title">Confirmation and requests</h2>
      {settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!thresholdError && !timeoutError) save.mutate();
        }}
      >
        <Field
          label="Confirm threshold (credits)"
          help="Changes that move more than this, and every negative adjustment, need the tenant id typed to confirm."
          error={thresholdError}
        >
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input num-input"
              inputMode="decimal"
              value={threshold}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onChange={(e) => setThreshold(e.target.value)}
            />
          )}
        </Field>
        <Field label="Request timeout (ms)" error={timeoutError}>
          {({ id, invalid }) => (
            <input
              id={id}
              className="input num-input"
              inputMode="numeric"
              value={timeout}
              aria-invalid={invalid}
              onChange={(e) => setTimeoutMs(e.target.value)}
            />
          )}
        </Field>
        {save.error ? <ErrorState error={save.error} /> : null}
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={save.isPending || Boolean(thresholdError || timeoutError)}
          >
            Save
          </button>
        </div>
      </form>
      <h3>Appearance</h3>
      <p className="help">
        The theme follows your operating system (light or dark). The window frame is coloured by the backend's
        environment: red for production, amber for staging, teal for sandbox.
      </p>
    </section>
  );
}

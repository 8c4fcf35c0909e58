import { toOperatorError } from '../bridge/client';

/** Next steps per error code, in the operator's words. */
const NEXT_STEP: Record<string, string> = {
  unauthenticated: 'Enter a valid API token for this profile in Settings.',
  forbidden: 'This view needs an admin token; your token has the support role.',
  not_found: 'Check the id, or pick another tenant with the tenant switcher.',
  unreachable: 'Check the backend address and your network, then retry.',
  network_error: 'Check the backend address and your network, then retry.',
  timeout: 'The backend did not answer in time. Retry, or raise the timeout in Settings.',
  no_profile: 'Choose or create a connection profile in Settings.',
  no_token: 'Enter an API token for this profile in Settings.',
  contract_violation:
    'The backend answered something the app does not understand. Report it to the backend team.',
  bridge_missing_channel: 'Update the app: this core is older than the screen.',
};

export function nextStepFor(code: string, retryable: boolean): string {
  return (
    NEXT_STEP[code] ?? (retryable ? 'Retry in a moment.' : 'If it persists, check the Journal and Settings.')
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const e = toOperatorError(error);
  return (
    <div className="error-state" role="alert">
      <p className="error-title">{e.message}</p>
      <p className="error-next">{nextStepFor(e.code, e.retryable)}</p>
      {e.fields?.length ? (
        <ul className="error-fields">
          {e.fields.map((f) => (
            <li key={f.field}>
              <code>{f.field}</code>: {f.message}
            </li>
          ))}
        </ul>
      ) : null}
      {onRetry ? (
        <button type="button" className="btn" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}

import { useState } from 'react';
import { Credits } from '../../components/Credits';
import { Field } from '../../components/Field';
import { WriteButton } from '../../components/WriteButton';
import { checkSourceUrl, defaultWorkloadName } from '../../lib/source-url';
import { useTenant } from '../../queries/data';
import { requestConfirm } from '../../state/confirm';
import { useNavigation } from '../../state/navigation';

export function NewWorkloadForm({ tenantId }: { tenantId: string }) {
  const go = useNavigation((s) => s.go);
  const tenant = useTenant(tenantId);
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const problem = checkSourceUrl(url);
  const showProblem = (touched || url.length > 0) && problem;

  const submit = () => {
    setTouched(true);
    if (problem) return;
    requestConfirm({
      title: `New workload for ${tenantId}`,
      request: {
        operation: 'workload.create',
        payload: { tenantId, sourceUrl: url, ...(name.trim() ? { name: name.trim() } : {}) },
      },
      onCommitted: (result) => {
        const workload = (result.result as { workload?: { id: string } } | null)?.workload;
        go('workloads', workload ? 'detail' : null, workload?.id ?? null);
      },
    });
  };

  return (
    <form
      className="detail form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      aria-labelledby="new-workload-title"
    >
      <div className="detail-head">
        <h2 id="new-workload-title">New workload</h2>
        <button
          type="button"
          className="btn-icon"
          aria-label="Close new workload"
          onClick={() => go('workloads')}
        >
          ×
        </button>
      </div>
      <p className="help">
        Paste a blob URL to an .ipynb or .py file. Credits will be reserved up front based on an estimate.
      </p>
      <Field
        label="Blob URL"
        help="The pipeline fetches it, instruments it for tracking, and runs it through the cluster."
        error={showProblem ? problem : null}
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input mono"
            value={url}
            placeholder="https://github.com/acme/models/blob/main/train.ipynb"
            aria-describedby={describedBy}
            aria-invalid={invalid}
            spellCheck={false}
            autoComplete="off"
            // biome-ignore lint/a11y/noAutofocus: the form opens on purpose (N); the URL is its first field
            autoFocus
            onChange={(e) => setUrl(e.target.value)}
            onBlur={() => setTouched(true)}
          />
        )}
      </Field>
      {!problem ? <p className="field-ok">Looks right: https and a .ipynb or .py file.</p> : null}
      <Field
        label="Name"
        optional
        help={`Defaults to the file name${url && !problem ? ` (${defaultWorkloadName(url)})` : ''}.`}
      >
        {({ id, describedBy }) => (
          <input
            id={id}
            className="input"
            value={name}
            maxLength={200}
            aria-describedby={describedBy}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
      {tenant.data ? (
        <p className="muted">
          Current balance <Credits value={tenant.data.wallet.balance} /> credits · tenant {tenant.data.status}
          . The preview shows the estimate and the balance after the reservation.
        </p>
      ) : null}
      <div className="form-actions">
        <WriteButton
          type="submit"
          invalidReason={problem ? (url ? 'Fix the URL first.' : 'Paste a blob URL first.') : null}
        >
          Preview reservation…
        </WriteButton>
      </div>
    </form>
  );
}

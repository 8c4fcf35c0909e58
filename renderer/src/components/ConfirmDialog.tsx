import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { call, onBridgeEvent, toOperatorError } from '../bridge/client';
import type { CommitResult, MutationProgress, OperatorError, Preview } from '../bridge/types';
import { formatTime } from '../lib/format';
import { frictionFor } from '../lib/friction';
import { refreshAll } from '../queries/client';
import { useSettings } from '../queries/data';
import { type ConfirmRequest, useConfirm } from '../state/confirm';
import { toast } from '../state/toasts';
import { EffectsView } from './EffectsView';
import { nextStepFor } from './ErrorState';
import { useFocusTrap } from './useFocusTrap';

type Phase =
  | { kind: 'previewing' }
  | { kind: 'preview_failed'; error: OperatorError }
  | { kind: 'ready'; preview: Preview }
  | { kind: 'committing'; preview: Preview; retrying: boolean; note: string | null }
  | { kind: 'committed'; preview: Preview; result: CommitResult }
  | { kind: 'changed'; preview: Preview; error: OperatorError }
  | { kind: 'commit_failed'; preview: Preview; error: OperatorError };

/** Codes after which the ticket is spent or stale: the way forward is a fresh preview. */
const NEEDS_NEW_PREVIEW = new Set(['ticket_expired', 'ticket_used', 'ticket_missing', 'ticket_mismatch']);

/**
 * The one confirm-before-commit dialog. It shows the core's server-computed
 * preview (never a client-side guess), asks for friction proportional to the
 * risk, commits the previewed ticket and reports the definitive outcome.
 * There is no undo on this platform, so this is the last line of defence.
 */
export function ConfirmDialog() {
  const current = useConfirm((s) => s.current);
  if (!current) return null;
  return <ConfirmDialogBody key={JSON.stringify(current.request)} confirm={current} />;
}

function ConfirmDialogBody({ confirm }: { confirm: ConfirmRequest }) {
  const close = useConfirm((s) => s.close);
  const qc = useQueryClient();
  const settings = useSettings();
  const [phase, setPhase] = useState<Phase>({ kind: 'previewing' });
  const [typed, setTyped] = useState('');
  const dialogRef = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const doneRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const typedId = useId();

  const preview = useCallback(async () => {
    setPhase({ kind: 'previewing' });
    setTyped('');
    try {
      const p = await call('mutations.preview', confirm.request);
      setPhase({ kind: 'ready', preview: p });
    } catch (e) {
      setPhase({ kind: 'preview_failed', error: toOperatorError(e) });
    }
  }, [confirm.request]);

  useEffect(() => {
    void preview();
  }, [preview]);

  const committing = phase.kind === 'committing';
  const onEscape = useCallback(() => {
    // Closing mid-commit would hide the definitive outcome; the core finishes it either way.
    if (!committing) close();
  }, [committing, close]);
  useFocusTrap(dialogRef, onEscape);

  // Focus starts on Cancel; after a commit, on Close.
  useEffect(() => {
    if (phase.kind === 'committed') doneRef.current?.focus();
    else if (phase.kind !== 'committing') cancelRef.current?.focus();
  }, [phase.kind]);

  useEffect(() => {
    if (phase.kind !== 'committing') return;
    // The core reports retries of an unknown outcome (same idempotency key) as progress events.
    const off = onBridgeEvent('mutations.progress', (payload) => {
      const progress = payload as MutationProgress;
      setPhase((p) =>
        p.kind === 'committing' && progress.ticketId === p.preview.ticketId && progress.state === 'retrying'
          ? { ...p, retrying: true, note: progress.message }
          : p,
      );
    });
    // Even without events, a slow commit should not look frozen.
    const timer = setTimeout(
      () => setPhase((p) => (p.kind === 'committing' ? { ...p, retrying: true } : p)),
      4000,
    );
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [phase.kind]);

  const commit = async (p: Preview) => {
    setPhase({ kind: 'committing', preview: p, retrying: false, note: null });
    try {
      const result = await call('mutations.commit', { ticketId: p.ticketId });
      setPhase({ kind: 'committed', preview: p, result });
      toast({
        tone: 'success',
        title: `${confirm.title}: committed`,
        detail: result.transactionIds.length
          ? `Wrote ${result.transactionIds.join(', ')}`
          : 'No transactions were needed.',
      });
      confirm.onCommitted?.(result);
    } catch (e) {
      const error = toOperatorError(e);
      if (error.code === 'changed_since_preview') setPhase({ kind: 'changed', preview: p, error });
      else setPhase({ kind: 'commit_failed', preview: p, error });
    } finally {
      // Whatever happened, what is on screen may be stale now.
      void refreshAll(qc);
    }
  };

  const friction =
    phase.kind === 'ready' || phase.kind === 'committing'
      ? frictionFor(confirm.request, phase.preview, settings.data?.confirmThreshold ?? '1000')
      : null;
  const frictionMet = friction === null || friction.level === 'plain' || typed === friction.expected;
  const envKind = 'preview' in phase ? phase.preview.environment.kind : null;

  return (
    <div className="modal-backdrop">
      <div
        ref={dialogRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className={`modal confirm-dialog${envKind ? ` env-${envKind}` : ''}`}
        data-testid="confirm-dialog"
      >
        <header className="modal-header">
          <h2 id={titleId}>{confirm.title}</h2>
          {'preview' in phase ? (
            <p className="modal-context">
              <span className={`env-chip env-chip-${phase.preview.environment.kind}`}>
                {phase.preview.environment.name} · {phase.preview.environment.kind}
              </span>{' '}
              profile <strong>{phase.preview.profileName}</strong>
              {phase.preview.tenantId ? (
                <>
                  {' '}
                  · tenant <code data-testid="confirm-tenant">{phase.preview.tenantId}</code>
                </>
              ) : null}
            </p>
          ) : null}
        </header>

        {/* The body scrolls on small windows; focusable so the keyboard can scroll it too. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be keyboard-reachable */}
        <section className="modal-body" tabIndex={0} aria-label="Preview details">
          {phase.kind === 'previewing' ? (
            <p role="status">Asking the backend for a preview (dry run; nothing is written)…</p>
          ) : null}

          {phase.kind === 'preview_failed' ? (
            <div role="alert" className="callout callout-bad">
              <p>
                <strong>The backend refused the preview:</strong> {phase.error.message}
              </p>
              {phase.error.fields?.map((f) => (
                <p key={f.field}>
                  <code>{f.field}</code>: {f.message}
                </p>
              ))}
              <p>{nextStepFor(phase.error.code, phase.error.retryable)} Nothing was written.</p>
            </div>
          ) : null}

          {'preview' in phase && phase.kind !== 'committed' ? (
            <>
              <p className="muted">
                Server preview — this is exactly what will be written. Valid until{' '}
                {formatTime(phase.preview.expiresAt)} UTC.
              </p>
              <EffectsView request={confirm.request} preview={phase.preview} />
            </>
          ) : null}

          {phase.kind === 'committed' ? (
            <div className="callout callout-ok" role="status" data-testid="commit-result">
              <p>
                <strong>Committed.</strong>{' '}
                {phase.result.replayed
                  ? 'The backend had already applied it; this is the same result, not a second write.'
                  : ''}
                {phase.result.attempts > 1
                  ? ` The outcome was unknown at first; it took ${phase.result.attempts} attempts with the same idempotency key and applied once.`
                  : ''}
              </p>
              {phase.result.transactionIds.length > 0 ? (
                <>
                  <p>Transactions written:</p>
                  <ul className="id-list">
                    {phase.result.transactionIds.map((id) => (
                      <li key={id}>
                        <code>{id}</code>
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <p>No transactions were written (state changes only).</p>
              )}
              <p className="muted">Journal entry {phase.result.journalId}.</p>
            </div>
          ) : null}

          {phase.kind === 'changed' ? <ChangedSincePreview phase={phase} /> : null}

          {phase.kind === 'commit_failed' ? (
            <div role="alert" className="callout callout-bad">
              <p>
                <strong>Not committed:</strong> {phase.error.message}
              </p>
              <p>
                {NEEDS_NEW_PREVIEW.has(phase.error.code)
                  ? 'The preview is no longer valid. Ask for a new preview and check it again.'
                  : nextStepFor(phase.error.code, phase.error.retryable)}
              </p>
            </div>
          ) : null}

          {phase.kind === 'committing' ? (
            <div role="status" className="callout">
              {phase.retrying ? (
                <p>
                  The outcome is not known yet. The app is retrying safely with the same idempotency key, so
                  the change cannot be applied twice. Waiting for the definitive result…
                  {phase.note ? <span className="muted"> ({phase.note})</span> : null}
                </p>
              ) : (
                <p>Committing…</p>
              )}
            </div>
          ) : null}

          {friction &&
          friction.level === 'type' &&
          (phase.kind === 'ready' || phase.kind === 'committing') ? (
            <div className="friction">
              {friction.reasons.map((r) => (
                <p key={r} className="friction-reason">
                  {r}
                </p>
              ))}
              <label htmlFor={typedId}>
                Type the {friction.what} <code>{friction.expected}</code> to confirm
              </label>
              <input
                id={typedId}
                className="input mono"
                autoComplete="off"
                spellCheck={false}
                value={typed}
                disabled={committing}
                onChange={(e) => setTyped(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && frictionMet && phase.kind === 'ready') void commit(phase.preview);
                }}
              />
            </div>
          ) : null}
        </section>

        <footer className="modal-footer">
          {phase.kind === 'committed' ? (
            <button ref={doneRef} type="button" className="btn btn-primary" onClick={close}>
              Close
            </button>
          ) : (
            <>
              <button ref={cancelRef} type="button" className="btn" onClick={close} disabled={committing}>
                Cancel
              </button>
              {phase.kind === 'changed' ||
              phase.kind === 'preview_failed' ||
              (phase.kind === 'commit_failed' && NEEDS_NEW_PREVIEW.has(phase.error.code)) ? (
                <button type="button" className="btn btn-primary" onClick={() => void preview()}>
                  New preview
                </button>
              ) : null}
              {phase.kind === 'ready' || phase.kind === 'committing' ? (
                <button
                  type="button"
                  className={`btn ${friction?.level === 'type' ? 'btn-danger' : 'btn-primary'}`}
                  disabled={!frictionMet || committing}
                  onClick={() => phase.kind === 'ready' && void commit(phase.preview)}
                >
                  {committing ? 'Committing…' : 'Confirm and commit'}
                </button>
              ) : null}
            </>
          )}
        </footer>
      </div>
    </div>
  );
}

function ChangedSincePreview({ phase }: { phase: Extract<Phase, { kind: 'changed' }> }) {
  const current = (phase.error.current ?? {}) as { wallet?: { balance: string; version: number } };
  const before = phase.preview.effects.wallets[0];
  return (
    <div role="alert" className="callout callout-warn" data-testid="changed-since-preview">
      <p>
        <strong>Changed since preview — nothing was written.</strong> Someone else changed this wallet after
        the preview was made.
      </p>
      <dl className="kv">
        <dt>Wallet version</dt>
        <dd>
          {phase.preview.walletVersion ?? '—'} → {current.wallet?.version ?? 'unknown'}
        </dd>
        <dt>Balance</dt>
        <dd>
          {before?.balance_before ?? '—'} → {current.wallet?.balance ?? 'unknown'}
        </dd>
      </dl>
      <p>Ask for a new preview to see the effect against the current wallet.</p>
    </div>
  );
}

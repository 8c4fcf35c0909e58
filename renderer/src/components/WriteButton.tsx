import { type ButtonHTMLAttributes, useId } from 'react';
import { useWriteGate } from '../queries/connection';

type Props = ButtonHTMLAttributes<HTMLButtonElement> & { invalidReason?: string | null };

/**
 * Every control that starts a mutation. When writes are not allowed it is
 * disabled and says why right beside it, so a support operator is never
 * left guessing; when the form is incomplete it says what is missing.
 */
export function WriteButton({ invalidReason, children, className, ...rest }: Props) {
  const gate = useWriteGate();
  const reasonId = useId();
  const reason = gate.allowed ? (invalidReason ?? null) : gate.reason;
  return (
    <span className="write-button">
      <button
        type="button"
        {...rest}
        className={className ?? 'btn btn-primary'}
        disabled={!gate.allowed || Boolean(invalidReason) || rest.disabled}
        aria-describedby={reason ? reasonId : undefined}
        title={reason ?? undefined}
        data-write-control=""
      >
        {children}
      </button>
      {reason ? (
        <span id={reasonId} className={gate.allowed ? 'hint' : 'hint hint-locked'}>
          {reason}
        </span>
      ) : null}
    </span>
  );
}

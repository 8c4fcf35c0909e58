import type { ReactNode } from 'react';
import { useWriteGate } from '../../queries/connection';

/**
 * A write form under the console's warning. When writes are not allowed every
 * field is disabled (a fieldset), and the reason is the first thing read.
 */
export function AdminForm({
  title,
  warning,
  intro,
  onSubmit,
  children,
}: {
  title: string;
  warning: string;
  intro?: ReactNode;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const gate = useWriteGate();
  const id = title.toLowerCase().replace(/[^a-z]+/g, '-');
  return (
    <form
      className="admin-form"
      aria-labelledby={id}
      onSubmit={(e) => {
        e.preventDefault();
        if (gate.allowed) onSubmit();
      }}
    >
      <p className="callout callout-warn scope-warning">{warning}</p>
      {!gate.allowed ? (
        <p className="callout callout-locked" data-testid="write-blocked-reason">
          {gate.reason}
        </p>
      ) : null}
      <h2 id={id}>{title}</h2>
      {intro}
      <fieldset disabled={!gate.allowed} className="fieldset">
        <legend className="visually-hidden">{title}</legend>
        {children}
      </fieldset>
    </form>
  );
}

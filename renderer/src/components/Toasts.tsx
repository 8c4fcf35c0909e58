import { useEffect } from 'react';
import { type Toast, useToasts } from '../state/toasts';

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useToasts((s) => s.dismiss);
  useEffect(() => {
    // Errors stay until dismissed: an operator may be away from the screen.
    if (toast.tone === 'error') return;
    const timer = setTimeout(() => dismiss(toast.id), 6000);
    return () => clearTimeout(timer);
  }, [toast, dismiss]);
  return (
    <div className={`toast toast-${toast.tone}`}>
      <div>
        <p className="toast-title">{toast.title}</p>
        {toast.detail ? <p className="toast-detail">{toast.detail}</p> : null}
      </div>
      <button
        type="button"
        className="btn-icon"
        aria-label="Dismiss notification"
        onClick={() => dismiss(toast.id)}
      >
        ×
      </button>
    </div>
  );
}

export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  return (
    <section className="toasts" aria-live="polite" aria-label="Notifications">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </section>
  );
}

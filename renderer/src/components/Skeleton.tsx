/** Placeholder rows while data loads; announced once to screen readers. */
export function Skeleton({ rows = 6, label = 'Loading…' }: { rows?: number; label?: string }) {
  return (
    <div className="skeleton" role="status" aria-live="polite">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders never reorder
        <div key={i} className="skeleton-row" aria-hidden="true" />
      ))}
    </div>
  );
}

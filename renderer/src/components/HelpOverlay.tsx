import { useId, useRef } from 'react';
import { shortcutLabel } from '../lib/platform';
import { SHORTCUTS } from '../lib/shortcuts';
import { useOverlays } from '../state/overlays';
import { useFocusTrap } from './useFocusTrap';

export function HelpOverlay() {
  const close = useOverlays((s) => s.close);
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useFocusTrap(ref, close);
  return (
    <div className="modal-backdrop">
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="modal help"
        data-testid="help"
      >
        <header className="modal-header">
          <h2 id={titleId}>Keyboard shortcuts</h2>
        </header>
        <div className="modal-body">
          <table className="table compact">
            <tbody>
              {SHORTCUTS.map((s) => (
                <tr key={s.keys}>
                  <td>
                    <kbd>{s.keys.includes('Mod') ? shortcutLabel(s.keys) : s.keys}</kbd>
                  </td>
                  <td>{s.does}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <footer className="modal-footer">
          {/* biome-ignore lint/a11y/noAutofocus: the only control of a modal */}
          <button type="button" className="btn" onClick={close} autoFocus>
            Close
          </button>
        </footer>
      </div>
    </div>
  );
}

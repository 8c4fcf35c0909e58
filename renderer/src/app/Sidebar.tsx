import { shortcutLabel } from '../lib/platform';
import { SCREEN_ITEMS } from '../lib/shortcuts';
import { useAppVersion } from '../queries/connection';
import { useNavigation } from '../state/navigation';
import { useOverlays } from '../state/overlays';

export function Sidebar() {
  const route = useNavigation((s) => s.route);
  const go = useNavigation((s) => s.go);
  const show = useOverlays((s) => s.show);
  const version = useAppVersion();
  return (
    <nav className="sidebar" aria-label="Screens">
      <ul>
        {SCREEN_ITEMS.map((item) => (
          <li key={item.screen}>
            <a
              href={`#/${item.screen}`}
              className={route.screen === item.screen ? 'nav-item is-current' : 'nav-item'}
              aria-current={route.screen === item.screen ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                go(item.screen);
              }}
            >
              <span>{item.label}</span>
              <kbd aria-label={`shortcut ${shortcutLabel(item.shortcut)}`}>
                {shortcutLabel(item.shortcut)}
              </kbd>
            </a>
          </li>
        ))}
      </ul>
      <div className="sidebar-foot">
        <button type="button" className="btn btn-ghost btn-small" onClick={() => show('palette')}>
          Commands <kbd>{shortcutLabel('Mod+K')}</kbd>
        </button>
        <button type="button" className="btn btn-ghost btn-small" onClick={() => show('help')}>
          Shortcuts <kbd>?</kbd>
        </button>
        <p className="version" data-testid="app-version">
          {version.isError
            ? (version.error as Error).message
            : `Version ${version.data ? `${version.data.version} (${version.data.runtime})` : '…'}`}
        </p>
      </div>
    </nav>
  );
}

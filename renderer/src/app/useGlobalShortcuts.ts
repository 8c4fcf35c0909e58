import { useEffect } from 'react';
import { hasMod, isTypingTarget } from '../lib/platform';
import { SCREEN_ITEMS } from '../lib/shortcuts';
import { useConfirm } from '../state/confirm';
import { useNavigation } from '../state/navigation';
import { useOverlays } from '../state/overlays';

/** App-wide keys. Modal dialogs own the keyboard while open, so nothing here fires under them. */
export function useGlobalShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const overlays = useOverlays.getState();
      if (useConfirm.getState().current) return;
      if (hasMod(e) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        if (overlays.open === 'palette') overlays.close();
        else overlays.show('palette');
        return;
      }
      if (overlays.open) return;
      if (hasMod(e) && !e.altKey && !e.shiftKey) {
        const item = SCREEN_ITEMS.find((s) => s.digit === e.key);
        if (item) {
          e.preventDefault();
          useNavigation.getState().go(item.screen);
          return;
        }
        if (e.key === ',') {
          e.preventDefault();
          useNavigation.getState().go('settings');
          return;
        }
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      if (e.key === '?') {
        e.preventDefault();
        overlays.show('help');
      } else if (e.key === 't' || e.key === 'T') {
        e.preventDefault();
        overlays.show('tenants');
      } else if (e.key === '/') {
        const search = document.querySelector<HTMLElement>('[data-search]');
        if (search) {
          e.preventDefault();
          search.focus();
        }
      } else if (e.key === 'r' || e.key === 'R') {
        const refresh = document.querySelector<HTMLButtonElement>('[data-refresh]');
        if (refresh) {
          e.preventDefault();
          refresh.click();
        }
      } else if (e.key === 'n' || e.key === 'N') {
        const nav = useNavigation.getState();
        if (nav.route.screen === 'workloads') {
          e.preventDefault();
          nav.go('workloads', 'new');
        }
      }
    };
    const onHash = () => useNavigation.getState().sync();
    window.addEventListener('keydown', onKey);
    window.addEventListener('popstate', onHash);
    window.addEventListener('hashchange', onHash);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('popstate', onHash);
      window.removeEventListener('hashchange', onHash);
    };
  }, []);
}

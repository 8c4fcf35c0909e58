import { create } from 'zustand';

export const SCREENS = ['workloads', 'endpoints', 'wallet', 'admin', 'journal', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export type Route = { screen: Screen; section: string | null; id: string | null };

/** `#/screen/section/id`: the hash never leaves the app's origin, so the CSP and navigation policy stay intact. */
export function parseHash(hash: string): Route {
  const [screen, section, id] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  return {
    screen: (SCREENS as readonly string[]).includes(screen ?? '') ? (screen as Screen) : 'workloads',
    section: section || null,
    id: id || null,
  };
}

export function routeToHash(route: Route): string {
  const parts: string[] = [route.screen];
  if (route.section || route.id) parts.push(route.section ?? '-');
  if (route.id) parts.push(route.id);
  return `#/${parts.map(encodeURIComponent).join('/')}`;
}

type NavigationState = {
  route: Route;
  go: (screen: Screen, section?: string | null, id?: string | null) => void;
  sync: () => void;
};

export const useNavigation = create<NavigationState>((set) => ({
  route: parseHash(typeof location === 'undefined' ? '' : location.hash),
  go: (screen, section = null, id = null) => {
    const route = { screen, section, id };
    const hash = routeToHash(route);
    if (location.hash !== hash) history.pushState(null, '', hash);
    set({ route });
  },
  sync: () => set({ route: parseHash(location.hash) }),
}));

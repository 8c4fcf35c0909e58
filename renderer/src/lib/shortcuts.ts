import type { Screen } from '../state/navigation';

export const SCREEN_ITEMS: { screen: Screen; label: string; shortcut: string; digit: string }[] = [
  { screen: 'workloads', label: 'Workloads', shortcut: 'Mod+1', digit: '1' },
  { screen: 'endpoints', label: 'Endpoints', shortcut: 'Mod+2', digit: '2' },
  { screen: 'wallet', label: 'Wallet', shortcut: 'Mod+3', digit: '3' },
  { screen: 'admin', label: 'Admin', shortcut: 'Mod+4', digit: '4' },
  { screen: 'journal', label: 'Journal', shortcut: 'Mod+5', digit: '5' },
  { screen: 'settings', label: 'Settings', shortcut: 'Mod+6', digit: '6' },
];

/** Every shortcut, for the help overlay. Single keys work only outside text fields. */
export const SHORTCUTS: { keys: string; does: string }[] = [
  { keys: 'Mod+K', does: 'Command palette: jump to a screen, tenant, workload or endpoint; start an action' },
  { keys: 'T', does: 'Switch tenant' },
  ...SCREEN_ITEMS.map((s) => ({ keys: s.shortcut, does: `Go to ${s.label}` })),
  { keys: 'Mod+,', does: 'Go to Settings' },
  { keys: '/', does: 'Focus the search or filter field of this screen' },
  { keys: 'N', does: 'New workload (Workloads screen)' },
  { keys: 'R', does: 'Refresh what this screen shows' },
  { keys: '↑ ↓ Home End PgUp PgDn', does: 'Move through a table; Enter opens the row' },
  { keys: 'Esc', does: 'Close a dialog or overlay' },
  { keys: '?', does: 'This help' },
];

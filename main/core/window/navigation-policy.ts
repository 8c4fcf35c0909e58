import { APP_ORIGIN, originOf } from './app-origin';

/** Hosts whose https pages may be opened in the system browser (docs, status page). */
export const EXTERNAL_LINK_ALLOWLIST: readonly string[] = [
  'modelmachines.ai',
  'docs.modelmachines.ai',
  'status.modelmachines.ai',
];

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The window never navigates away from the app; in-app routing is client-side. */
export function isAllowedNavigation(url: string): boolean {
  return originOf(url) === APP_ORIGIN;
}

/**
 * window.open and target=_blank never create a window. An allow-listed https
 * link is handed to the system browser instead; anything else is dropped.
 */
export function decideWindowOpen(url: string): { action: 'deny'; openExternally: string | null } {
  const parsed = parse(url);
  const external =
    parsed !== null &&
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    EXTERNAL_LINK_ALLOWLIST.includes(parsed.hostname);
  return { action: 'deny', openExternally: external ? parsed.href : null };
}

/** Camera, notifications, clipboard-read, everything: this app needs none. */
export function decidePermission(_permission: string): boolean {
  return false;
}

/**
 * Requests the app window's session may make at all. The renderer never
 * talks to the network (main does), so anything but the app's own scheme and
 * inline data is cancelled: a second wall behind the CSP's connect-src.
 */
export function isAllowedRendererRequest(url: string): boolean {
  if (url.startsWith('data:')) return true;
  if (url.startsWith('devtools://')) return true;
  return originOf(url) === APP_ORIGIN;
}

/** The renderer is served from this custom scheme, never from file: or http:. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'operator';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * scheme://host of a URL. Node's URL reports origin "null" for custom schemes
 * such as app:, so the origin is rebuilt from its parts.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}

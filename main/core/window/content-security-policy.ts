/**
 * The renderer never talks to the network: every backend call goes through
 * main. So connect-src is the app itself and nothing else, and no inline
 * script can run even if an injection slipped through React's escaping.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

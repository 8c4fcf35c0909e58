/**
 * Which backend addresses a profile may point at. Tokens travel in an
 * Authorization header, so plain http is allowed only where nobody can listen
 * in (this machine), unless the operator opts in for that profile.
 */
export type UrlCheck = { ok: true; url: string } | { ok: false; message: string };

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  if (LOOPBACK_HOSTS.has(hostname.toLowerCase())) return true;
  return /^127(\.\d{1,3}){3}$/.test(hostname);
}

export function checkBaseUrl(input: string, allowInsecureHttp: boolean): UrlCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, message: 'Enter a full address such as https://api.example.com.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: 'Only http and https addresses are allowed.' };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: 'Put the token in the token field, not in the address.' };
  }
  if (url.search !== '' || url.hash !== '') {
    return { ok: false, message: 'The address must not contain a query (?…) or fragment (#…).' };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    return {
      ok: false,
      message:
        'Plain http is only allowed to this machine (localhost). Use https, or allow insecure http for this profile explicitly.',
    };
  }
  // One canonical form without a trailing slash, so paths are appended uniformly.
  return { ok: true, url: url.href.replace(/\/+$/, '') };
}

import { extname, normalize, resolve, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/**
 * Maps a request path of the renderer's origin to a file inside the built
 * renderer folder. Returns null for anything that would escape that folder,
 * so `app://operator/../../etc/passwd` and encoded variants serve nothing.
 */
export function resolveAsset(rootDir: string, pathname: string): { file: string; mime: string } | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split(/[/\\]/).includes('..')) return null;
  const relative = normalize(decoded === '/' || decoded === '' ? '/index.html' : decoded).replace(
    /^([/\\])+/,
    '',
  );
  const root = resolve(rootDir);
  const file = resolve(root, relative);
  if (file !== root && !file.startsWith(root + sep)) return null;
  return { file, mime: MIME[extname(file).toLowerCase()] ?? 'application/octet-stream' };
}

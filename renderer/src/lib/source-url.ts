/**
 * Checks a workload source URL as the operator types. Mirrors the contract's
 * `sourceUrl` rule (https, path ends .ipynb or .py, query ignored) without
 * pulling zod into the renderer bundle; a unit test keeps the two in step.
 */
export function checkSourceUrl(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed.length === 0) return 'Paste a blob URL to an .ipynb or .py file.';
  if (trimmed !== value) return 'Remove the spaces around the URL.';
  if (value.length > 2048) return 'The URL is longer than 2,048 characters.';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Not an absolute URL: it should start with https://';
  }
  if (url.protocol !== 'https:') return `Use https (this URL uses ${url.protocol.replace(':', '')}).`;
  if (!/\.(ipynb|py)$/i.test(url.pathname))
    return 'The path must end in .ipynb or .py (the query string is ignored).';
  return null;
}

/** The backend's default name: the file name of the URL path. */
export function defaultWorkloadName(value: string): string {
  try {
    const path = new URL(value).pathname;
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  } catch {
    return '';
  }
}

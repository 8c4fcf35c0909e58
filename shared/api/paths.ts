/**
 * Builds a concrete URL path from a route's OpenAPI template, encoding every
 * parameter so an id can never smuggle a `/` or `?` into the path.
 */
export function fillPath(template: string, params: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{([a-z_]+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${template}`);
    return encodeURIComponent(value);
  });
}

/** Fastify's path syntax (`:tenant_id`) for the same template. */
export function toFastifyPath(template: string): string {
  return template.replace(/\{([a-z_]+)\}/g, ':$1');
}

/** Query string from defined values only; booleans and numbers as their wire text. */
export function toQueryString(
  query: Readonly<Record<string, string | number | boolean | undefined | null>>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text.length > 0 ? `?${text}` : '';
}

/** Formats a wallet version as the ETag / If-Match value the contract uses. */
export function versionTag(version: number): string {
  return `"${version}"`;
}

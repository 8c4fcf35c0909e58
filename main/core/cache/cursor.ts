import { OperatorFailure } from '../errors/normalize';

/**
 * Cursors of cached pages: opaque to the renderer like the backend's, but a
 * different namespace, so an online cursor handed to the cache (or the other
 * way round) is refused instead of silently paging from the wrong place.
 */
export function encodeCacheCursor(list: string, key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify({ c: list, k: key })).toString('base64url');
}

export function decodeCacheCursor(
  list: string,
  cursor: string | undefined,
  arity: number,
): (string | number)[] | null {
  if (cursor === undefined) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      c?: unknown;
      k?: unknown;
    };
    if (parsed.c === list && Array.isArray(parsed.k) && parsed.k.length === arity) {
      const key = parsed.k as unknown[];
      if (key.every((part) => typeof part === 'string' || typeof part === 'number')) {
        return key as (string | number)[];
      }
    }
  } catch {
    // refused below
  }
  throw new OperatorFailure({
    code: 'invalid_cursor',
    message:
      'This page position belongs to another list (online and cached lists page separately). Start from the top.',
    retryable: false,
  });
}

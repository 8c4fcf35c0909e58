import { ApiError } from '../domain/errors';

/**
 * Cursors are opaque to clients: base64url of the list's name and the sort key
 * of the last row returned. Pages are keyset queries ("rows after this key"),
 * never OFFSET, so rows written during a walk cannot shift later pages: new
 * transactions sort before the walk's start (newest first) and are simply not
 * seen, and no row that existed at the start is skipped or repeated.
 */
export function encodeCursor(list: string, key: readonly (string | bigint)[]): string {
  return Buffer.from(JSON.stringify({ l: list, k: key.map(String) })).toString('base64url');
}

export function decodeCursor(list: string, cursor: string | undefined, arity: number): string[] | null {
  if (cursor === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      (parsed as { l?: unknown }).l === list &&
      Array.isArray((parsed as { k?: unknown }).k)
    ) {
      const key = (parsed as { k: unknown[] }).k;
      if (key.length === arity && key.every((part) => typeof part === 'string')) return key as string[];
    }
  } catch {
    // fall through to the error below
  }
  throw new ApiError('invalid_cursor', 'The cursor was not produced by this list (or was altered).');
}

/** Integer part of a cursor key, or invalid_cursor. */
export function cursorInt(part: string | undefined): bigint {
  // At most 18 digits: always inside SQLite's signed 64-bit integers.
  if (part === undefined || !/^[0-9]{1,18}$/.test(part)) {
    throw new ApiError('invalid_cursor', 'The cursor was not produced by this list (or was altered).');
  }
  return BigInt(part);
}

export interface PageResult<T> {
  data: T[];
  next_cursor: string | null;
}

/** Trims the extra look-ahead row and builds next_cursor from the last row kept. */
export function toPage<Row, T>(
  rows: Row[],
  limit: number,
  list: string,
  keyOf: (row: Row) => (string | bigint)[],
  map: (rows: Row[]) => T[],
): PageResult<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept[kept.length - 1];
  return {
    data: map(kept),
    next_cursor: more && last !== undefined ? encodeCursor(list, keyOf(last)) : null,
  };
}

/**
 * Public ids are a type prefix and the row number, zero-padded to six digits
 * ("ten_000042"). They are stable forever (rows are never renumbered) and a
 * malformed or foreign id simply finds nothing, which the API answers with 404.
 */
export const idPrefixes = {
  tenant: 'ten',
  transaction: 'txn',
  workload: 'wl',
  endpoint: 'ep',
  audit: 'aud',
} as const;
export type IdKind = keyof typeof idPrefixes;

export function formatId(kind: IdKind, n: bigint | number): string {
  return `${idPrefixes[kind]}_${n.toString().padStart(6, '0')}`;
}

/** Row number for an id of the given kind, or null when it cannot name such a row. */
export function parseId(kind: IdKind, id: string): bigint | null {
  const match = /^([a-z]+)_([0-9]{1,18})$/.exec(id);
  if (!match || match[1] !== idPrefixes[kind]) return null;
  const n = BigInt(match[2] ?? '0');
  return n > 0n ? n : null;
}

import type { Transaction } from '../../../shared/api';

export const TRANSACTION_CSV_COLUMNS = [
  'id',
  'seq',
  'created_at',
  'tenant_id',
  'type',
  'amount',
  'balance_after',
  'reason',
  'actor',
  'workload_id',
  'endpoint_id',
  'window_start',
  'window_end',
] as const satisfies readonly (keyof Transaction)[];

/** Columns an operator or tenant typed (or that carry ids): guarded against spreadsheet formulas. */
const FREE_TEXT = new Set<string>(['reason', 'actor', 'id', 'tenant_id', 'workload_id', 'endpoint_id']);

/**
 * One CSV field per RFC 4180. Free text that a spreadsheet would run as a
 * formula (=, +, -, @, tab, CR at the start) gets a leading apostrophe:
 * a reason like "=HYPERLINK(...)" must stay text in Excel. Credit amounts are
 * numbers and are left alone ("-10" is a debit, not a formula).
 */
export function csvField(column: string, value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FREE_TEXT.has(column) && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvHeader(): string {
  return `${TRANSACTION_CSV_COLUMNS.join(',')}\r\n`;
}

export function csvRow(transaction: Transaction): string {
  return `${TRANSACTION_CSV_COLUMNS.map((column) => csvField(column, transaction[column])).join(',')}\r\n`;
}

/** The console's "search by id or reason", applied in main when the backend has no such filter. */
export function matchesSearch(transaction: Transaction, q: string | undefined): boolean {
  if (q === undefined || q.trim() === '') return true;
  const needle = q.trim().toLowerCase();
  return transaction.id.toLowerCase().includes(needle) || transaction.reason.toLowerCase().includes(needle);
}

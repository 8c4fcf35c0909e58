import { open } from 'node:fs/promises';
import type { Transaction } from '../../../shared/api/schemas';
import { csvHeader, csvRow } from './csv';

/** One page of rows to write, and the cursor of the next (undefined at the end). */
export type CsvPage = { rows: readonly Transaction[]; next: string | undefined };

/**
 * Streams transactions to a CSV file page by page (so a 100,000-row wallet
 * never sits in memory as one string), owner-only, fsynced before it reports
 * the row count. Live and cached exports differ only in where pages come from.
 */
export async function writeTransactionsCsv(
  path: string,
  nextPage: (cursor: string | undefined) => Promise<CsvPage>,
): Promise<number> {
  const file = await open(path, 'w', 0o600);
  let rows = 0;
  try {
    await file.write(csvHeader());
    let cursor: string | undefined;
    do {
      const page = await nextPage(cursor);
      rows += page.rows.length;
      if (page.rows.length > 0) await file.write(page.rows.map(csvRow).join(''));
      cursor = page.next;
    } while (cursor !== undefined);
    await file.sync();
  } finally {
    await file.close();
  }
  return rows;
}

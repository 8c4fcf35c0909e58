import { open } from 'node:fs/promises';
import type { ApiClient } from '../api/api-client';
import { matchesSearch } from '../export/csv';
import type { SaveDialog } from '../export/save-dialog';
import { writeTransactionsCsv } from '../export/transactions-csv-file';
import type { Handlers } from '../ipc/dispatcher';
import type { Journal } from '../journal/journal';
import { toEntry } from '../journal/journal';
import type { Clock } from '../platform/clock';
import type { Profile } from '../profiles/profile-repository';
import { backendSearchesTransactions } from './read-handlers';

export type ExportDeps = {
  client: () => ApiClient;
  activeProfile: () => Profile;
  journal: Journal;
  saveDialog: SaveDialog;
  clock: Clock;
};

/**
 * Exports run by main: it asks where (a native dialog, or the web host's
 * export dir), then streams the rows to disk page by page, so a 100,000-row
 * wallet never sits in memory as one string.
 */
export function createExportHandlers(
  deps: ExportDeps,
): Pick<Handlers, 'wallet.exportCsv' | 'journal.export'> {
  const stamp = () => new Date(deps.clock.now()).toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return {
    'wallet.exportCsv': async (args) => {
      const client = deps.client();
      const path = await deps.saveDialog.choosePath({
        title: 'Export transactions',
        defaultFileName: `transactions-${args.tenantId}-${stamp()}.csv`,
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      });
      if (path === null) return { saved: false, path: null, rows: 0 };
      const rows = await writeTransactionsCsv(path, async (cursor) => {
        const page = (
          await client.get('listTenantTransactions', {
            params: { tenant_id: args.tenantId },
            query: {
              type: args.type,
              since: args.since,
              until: args.until,
              after_seq: args.afterSeq,
              ...(backendSearchesTransactions && args.q ? { q: args.q } : {}),
              limit: 500,
              cursor,
            },
          })
        ).data;
        // Exactly the rows the table shows: the backend's search where it has one, main's otherwise.
        const rows = backendSearchesTransactions
          ? page.data
          : page.data.filter((t) => matchesSearch(t, args.q));
        return { rows, next: page.next_cursor ?? undefined };
      });
      return { saved: true, path, rows };
    },
    'journal.export': async () => {
      const profile = deps.activeProfile();
      const path = await deps.saveDialog.choosePath({
        title: 'Export the operator journal',
        defaultFileName: `journal-${profile.id}-${stamp()}.jsonl`,
        filters: [{ name: 'JSON lines', extensions: ['jsonl'] }],
      });
      if (path === null) return { saved: false, path: null, rows: 0 };
      const lines = (await deps.journal.lines(profile.id)).map((line) => JSON.stringify(toEntry(line)));
      const file = await open(path, 'w', 0o600);
      try {
        await file.write(lines.length > 0 ? `${lines.join('\n')}\n` : '');
        await file.sync();
      } finally {
        await file.close();
      }
      return { saved: true, path, rows: lines.length };
    },
  };
}

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { extname, join } from 'node:path';

export type SaveRequest = {
  title: string;
  defaultFileName: string;
  filters: { name: string; extensions: string[] }[];
};

/**
 * Where an export goes. Electron asks the operator with the native save
 * dialog (dialog.showSaveDialog); the web host writes into its --export-dir.
 * Either way main writes the file: the renderer never gets a path to write.
 */
export interface SaveDialog {
  choosePath(request: SaveRequest): Promise<string | null>;
}

/** The web host's "dialog": a fixed directory, never overwriting an existing file. */
export function exportDirDialog(dir: string): SaveDialog {
  return {
    async choosePath(request) {
      await mkdir(dir, { recursive: true });
      const safe = request.defaultFileName.replace(/[^A-Za-z0-9._-]/g, '_');
      const extension = extname(safe);
      const stem = safe.slice(0, safe.length - extension.length);
      let candidate = join(dir, safe);
      for (let n = 2; existsSync(candidate); n += 1) candidate = join(dir, `${stem}-${n}${extension}`);
      return candidate;
    },
  };
}

import { type BrowserWindow, dialog } from 'electron';
import type { SaveDialog } from '../core/export/save-dialog';

/** The native save dialog, attached to the app window; main writes the chosen file. */
export function nativeSaveDialog(window: () => BrowserWindow | null): SaveDialog {
  return {
    async choosePath(request) {
      const options = {
        title: request.title,
        defaultPath: request.defaultFileName,
        filters: request.filters,
      };
      const parent = window();
      const result = parent
        ? await dialog.showSaveDialog(parent, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}

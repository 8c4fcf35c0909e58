import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';
import { createAppHandlers } from '../core/bridge/app-handlers';
import { notImplementedHandlers } from '../core/bridge/not-implemented';
import { createDispatcher } from '../core/ipc/dispatcher';
import { registerIpc } from './ipc';
import { registerAppScheme, serveRenderer } from './protocol';
import { createMainWindow, lockDownSessions } from './window';

// The Electron entry: wiring only. Everything with logic lives in main/core.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  registerAppScheme();
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  void app.whenReady().then(() => {
    lockDownSessions();
    serveRenderer(join(import.meta.dirname, '../renderer'));
    const dispatch = createDispatcher({
      ...notImplementedHandlers(),
      ...createAppHandlers({ version: app.getVersion(), platform: process.platform, runtime: 'electron' }),
    });
    registerIpc(dispatch, () => mainWindow?.webContents.id ?? null);
    mainWindow = createMainWindow({
      preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
      isPackaged: app.isPackaged,
    });
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) {
        mainWindow = createMainWindow({
          preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
          isPackaged: app.isPackaged,
        });
      }
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

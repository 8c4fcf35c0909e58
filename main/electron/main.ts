import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';
import { OfflineCache } from '../core/cache/offline-cache';
import { cacheSealerFrom } from '../core/cache/sealers';
import { composeCore } from '../core/compose';
import { DEFAULT_LOCAL_SANDBOX_URL } from '../core/profiles/profile-repository';
import { SettingsService } from '../core/settings/settings-service';
import { createUpdateHandlers } from '../core/updates/update-handlers';
import { forbiddenLaunchSwitch } from '../core/window/launch-guard';
import { forwardEvents, registerIpc, removeElectronStoreChannel } from './ipc';
import { registerAppScheme, serveRenderer } from './protocol';
import { safeStorageSealer } from './safe-storage-sealer';
import { nativeSaveDialog } from './save-dialog';
import { openSettingsStore } from './settings-store';
import { createUpdater } from './updater';
import { createMainWindow, hardenAllWebContents, lockDownSessions } from './window';

// The Electron entry: wiring only. Everything with logic lives in main/core,
// composed by the same composeCore() the web host uses.
const forbiddenSwitch = app.isPackaged ? forbiddenLaunchSwitch(process.argv) : null;
if (forbiddenSwitch) {
  console.error(`ModelMachines Operator does not start with ${forbiddenSwitch}.`);
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  hardenAllWebContents();
  registerAppScheme();
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  void app.whenReady().then(async () => {
    lockDownSessions();
    serveRenderer(join(import.meta.dirname, '../renderer'));

    const opened = openSettingsStore();
    removeElectronStoreChannel();
    const logDir = app.getPath('logs');
    mkdirSync(logDir, { recursive: true });
    // Updates read the operator's updateChecks setting from the same store at every check.
    const updateSettings = new SettingsService(opened.store);
    const updates = createUpdater({
      settingEnabled: () => updateSettings.get().updateChecks,
      // electron-store writes atomically and the journal fsyncs each line and skips a torn
      // last one, so quitting to install is no worse than a crash: nothing to flush yet.
      prepareForInstall: async () => {},
    });
    const mainLog = (line: string) => appendFileSync(join(logDir, 'main.log'), `${line}\n`, { mode: 0o600 });
    // The offline cache's data key is sealed by safeStorage like the tokens (issue 6).
    const offlineCache = await OfflineCache.create({
      root: join(app.getPath('userData'), 'offline-cache'),
      sealer: cacheSealerFrom(safeStorageSealer),
      now: () => new Date(),
      onDamaged: (r) =>
        mainLog(JSON.stringify({ level: 'warn', msg: 'offline cache file set aside', reason: r.reason })),
    });
    const core = composeCore({
      appInfo: { version: app.getVersion(), platform: process.platform, runtime: 'electron' },
      store: opened.store,
      storeBackup: opened.recovered?.backupPath ?? null,
      sealer: safeStorageSealer,
      dataDir: app.getPath('userData'),
      saveDialog: nativeSaveDialog(() => mainWindow),
      localSandboxUrl: process.env.MM_LOCAL_SANDBOX_URL ?? DEFAULT_LOCAL_SANDBOX_URL,
      logSink: (line) => appendFileSync(join(logDir, 'main.log'), `${line}\n`, { mode: 0o600 }),
      extraHandlers: createUpdateHandlers(updates),
      offline: { cache: offlineCache },
    });
    registerIpc(core.dispatch, () => mainWindow?.webContents.id ?? null);
    forwardEvents(core.events, () => mainWindow?.webContents ?? null);
    updates.onChange((status) => core.events.emit('updates.changed', status));

    const openWindow = () =>
      createMainWindow({
        preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
        isPackaged: app.isPackaged,
      });
    mainWindow = openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = openWindow();
    });
    // Pending commits are resolved and the connection checked while the window loads.
    await core.start();
    // The start-up check: it only looks; downloading waits for the operator.
    void updates.start();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

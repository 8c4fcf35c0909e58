import { app } from 'electron';
import electronUpdater from 'electron-updater';
import { createUpdateController, type UpdateController } from '../core/updates/update-controller';
import { installDirOf } from '../core/updates/update-policy';

/**
 * The Electron edge of updates: hands electron-updater's autoUpdater and the
 * app's real paths to the plain-TS controller in main/core/updates, where all
 * the decisions (and their tests) live. electron-updater is CommonJS, so it is
 * imported whole and destructured.
 */
export function createUpdater(options: {
  /** The operator's "check for updates" setting, read before every check. */
  settingEnabled: () => boolean;
  /** Flush and close anything holding files before the app quits to install. */
  prepareForInstall: () => Promise<void>;
}): UpdateController {
  const { autoUpdater } = electronUpdater;
  return createUpdateController({
    updater: autoUpdater,
    currentVersion: app.getVersion(),
    settingEnabled: options.settingEnabled,
    env: process.env,
    isPackaged: app.isPackaged,
    paths: {
      userData: app.getPath('userData'),
      installDir: installDirOf({
        exePath: app.getPath('exe'),
        platform: process.platform,
        appImagePath: process.env.APPIMAGE,
      }),
    },
    prepareForInstall: options.prepareForInstall,
  });
}

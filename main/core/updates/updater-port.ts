/**
 * The part of electron-updater's AppUpdater that the update controller uses.
 * The real `autoUpdater` satisfies it structurally (main/electron/updater.ts);
 * tests pass an EventEmitter stub, so the core never loads Electron.
 */
export type UpdateInfoLike = {
  version: string;
  releaseDate?: string;
  releaseName?: string | null;
  releaseNotes?: string | ReadonlyArray<{ version: string; note: string | null }> | null;
};

export type ProgressLike = { percent: number; transferred: number; total: number };

export interface UpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowPrerelease: boolean;
  allowDowngrade: boolean;
  fullChangelog: boolean;
  forceDevUpdateConfig: boolean;
  // One overload per event, so electron-updater's generic `on` fits each.
  on(event: 'checking-for-update', listener: () => void): unknown;
  on(event: 'update-available', listener: (info: UpdateInfoLike) => void): unknown;
  on(event: 'update-not-available', listener: (info: UpdateInfoLike) => void): unknown;
  on(event: 'download-progress', listener: (progress: ProgressLike) => void): unknown;
  on(event: 'update-downloaded', listener: (info: UpdateInfoLike) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

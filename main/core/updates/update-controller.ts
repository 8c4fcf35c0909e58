import type { UpdateStatus } from '../../../shared/ipc/contract';
import { releaseNotesText } from './release-notes';
import { type UpdatePolicyInput, updatesDisabledReason } from './update-policy';
import type { UpdateInfoLike, UpdaterPort } from './updater-port';

export type { UpdateStatus };
export type UpdateState = UpdateStatus['state'];

export type UpdateRefusal = 'UPDATES_DISABLED' | 'NO_UPDATE_OFFERED' | 'VERSION_MISMATCH' | 'NOT_DOWNLOADED';
export type UpdateResult =
  | { ok: true; status: UpdateStatus }
  | { ok: false; code: UpdateRefusal; message: string; status: UpdateStatus };

/** The operator's yes to one specific version, which they were shown. */
export type UpdateConsent = { version: string };

export type UpdateControllerDeps = {
  updater: UpdaterPort;
  currentVersion: string;
  /** Read before every check, so turning the setting off applies at once. */
  settingEnabled: () => boolean;
  env: UpdatePolicyInput['env'];
  isPackaged: boolean;
  paths: UpdatePolicyInput['paths'];
  /** Flush the journal and close stores before the app quits to install. */
  prepareForInstall: () => Promise<void>;
  now?: () => Date;
};

export type UpdateController = ReturnType<typeof createUpdateController>;

/**
 * Update checks with the operator in control. electron-updater is configured
 * never to act alone (no auto-download, no install on quit, no downgrade, no
 * pre-releases); the controller downloads only after download() with the
 * version the operator was shown, and installs only after install() with the
 * version that was downloaded. Integrity is electron-updater's: the sha512 in
 * the feed for every platform, plus the Authenticode publisher on Windows and
 * the code signature (Squirrel.Mac) on macOS.
 */
export function createUpdateController(deps: UpdateControllerDeps) {
  const { updater } = deps;
  const now = deps.now ?? (() => new Date());
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  updater.allowPrerelease = false;
  updater.allowDowngrade = false;
  updater.fullChangelog = true;
  updater.forceDevUpdateConfig = false;

  const listeners = new Set<(status: UpdateStatus) => void>();
  let status: UpdateStatus = {
    state: 'idle',
    currentVersion: deps.currentVersion,
    disabledReason: null,
    available: null,
    downloadPercent: null,
    error: null,
    lastCheckedAt: null,
  };
  let checking: Promise<UpdateResult> | null = null;

  const set = (patch: Partial<UpdateStatus>) => {
    status = { ...status, ...patch };
    for (const listener of listeners) listener(status);
  };
  const offered = (info: UpdateInfoLike): UpdateStatus['available'] => ({
    version: info.version,
    releaseDate: info.releaseDate ?? null,
    releaseNotes: releaseNotesText(info),
  });
  const disabledReason = () =>
    updatesDisabledReason({
      env: deps.env,
      settingEnabled: deps.settingEnabled(),
      isPackaged: deps.isPackaged,
      paths: deps.paths,
    });
  const refuse = (code: UpdateRefusal, message: string): UpdateResult => ({
    ok: false,
    code,
    message,
    status,
  });

  updater.on('checking-for-update', () => set({ state: 'checking', error: null }));
  updater.on('update-available', (info) =>
    set({
      state: 'available',
      available: offered(info),
      downloadPercent: null,
      lastCheckedAt: now().toISOString(),
    }),
  );
  updater.on('update-not-available', () =>
    set({ state: 'up-to-date', available: null, downloadPercent: null, lastCheckedAt: now().toISOString() }),
  );
  updater.on('download-progress', (progress) =>
    set({ state: 'downloading', downloadPercent: Math.max(0, Math.min(100, progress.percent)) }),
  );
  updater.on('update-downloaded', (info) => {
    // A download we did not ask for (or of another version) is never offered for install.
    if (status.state !== 'downloading' || status.available?.version !== info.version) return;
    set({ state: 'downloaded', downloadPercent: 100 });
  });
  updater.on('error', (error) => set({ state: 'error', error: describeError(error) }));

  async function check(): Promise<UpdateResult> {
    const reason = disabledReason();
    if (reason) {
      set({ state: 'disabled', disabledReason: reason });
      return refuse('UPDATES_DISABLED', reason);
    }
    if (status.disabledReason) set({ state: 'idle', disabledReason: null });
    // Never re-check over a download in progress or one waiting to install.
    if (['downloading', 'downloaded', 'installing'].includes(status.state)) return { ok: true, status };
    checking ??= (async (): Promise<UpdateResult> => {
      try {
        set({ state: 'checking', error: null });
        await updater.checkForUpdates();
      } catch (error) {
        set({ state: 'error', error: describeError(error) });
      } finally {
        checking = null;
      }
      return { ok: true, status };
    })();
    return checking;
  }

  return {
    status: (): UpdateStatus => status,
    onChange(listener: (status: UpdateStatus) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** The check at start-up; failures are reported in the status, never thrown. */
    start: (): Promise<UpdateResult> => check(),
    /** The operator's "Check for updates". */
    check,
    async download(consent: UpdateConsent): Promise<UpdateResult> {
      const reason = disabledReason();
      if (reason) return refuse('UPDATES_DISABLED', reason);
      if (!status.available || !['available', 'error'].includes(status.state))
        return refuse(
          'NO_UPDATE_OFFERED',
          'There is no update waiting for consent; check for updates first.',
        );
      if (status.available.version !== consent.version)
        return refuse(
          'VERSION_MISMATCH',
          `The offered update is ${status.available.version}, not ${consent.version}; review it again.`,
        );
      set({ state: 'downloading', downloadPercent: 0, error: null });
      try {
        await updater.downloadUpdate();
      } catch (error) {
        set({ state: 'error', error: describeError(error) });
      }
      return { ok: true, status };
    },
    async install(consent: UpdateConsent): Promise<UpdateResult> {
      if (status.state !== 'downloaded' || !status.available)
        return refuse('NOT_DOWNLOADED', 'No downloaded update is ready to install.');
      if (status.available.version !== consent.version)
        return refuse(
          'VERSION_MISMATCH',
          `The downloaded update is ${status.available.version}, not ${consent.version}.`,
        );
      set({ state: 'installing' });
      await deps.prepareForInstall();
      // Not silent: the Windows installer shows its progress; restart afterwards.
      updater.quitAndInstall(false, true);
      return { ok: true, status };
    },
  };
}

/** One line, no stack, bounded: it is shown to the operator and crosses the bridge. */
function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n', 1)[0] ?? '';
  return (firstLine || 'Update failed.').slice(0, 300);
}

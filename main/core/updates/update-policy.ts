import nodePath from 'node:path';

type PathApi = Pick<typeof nodePath, 'isAbsolute' | 'relative' | 'resolve'>;

/** Set to 1 (or true) by fleet managers who roll out versions themselves. */
export const DISABLE_UPDATES_ENV = 'MM_DISABLE_UPDATES';

export type UpdatePolicyInput = {
  env: Readonly<Record<string, string | undefined>>;
  /** The operator's "check for updates" setting, read at every check so a change applies at once. */
  settingEnabled: boolean;
  /** Unpacked development runs have no update feed and must never replace themselves. */
  isPackaged: boolean;
  /** Where the app keeps settings, cache and journal, and where it is installed. */
  paths: { userData: string; installDir: string };
};

/** Why update checks are off, or null when they may run. The first reason wins. */
export function updatesDisabledReason(input: UpdatePolicyInput): string | null {
  const flag = input.env[DISABLE_UPDATES_ENV]?.trim().toLowerCase();
  if (flag === '1' || flag === 'true') return `Updates are turned off by ${DISABLE_UPDATES_ENV}.`;
  if (!input.settingEnabled) return 'Updates are turned off in settings.';
  if (!input.isPackaged) return 'Updates apply only to an installed, packaged build.';
  return dataLocationProblem(input.paths);
}

/**
 * An update replaces the install directory wholesale. Settings, cache and the
 * journal live in userData, which the OS places outside it (~/Library/Application
 * Support, %APPDATA%, ~/.config); if a portable setup or --user-data-dir put
 * userData inside the install directory, an update would delete the operator's
 * data, so updates are refused instead.
 */
export function dataLocationProblem(
  paths: { userData: string; installDir: string },
  path: PathApi = nodePath,
): string | null {
  const fromInstall = path.relative(path.resolve(paths.installDir), path.resolve(paths.userData));
  const inside = fromInstall === '' || (!fromInstall.startsWith('..') && !path.isAbsolute(fromInstall));
  return inside
    ? `Updates are turned off because app data (${paths.userData}) is inside the install directory, which an update replaces.`
    : null;
}

/**
 * The directory an update replaces: the .app bundle on macOS, the folder
 * holding the AppImage file (not its temporary mount), otherwise the folder
 * holding the executable (NSIS, deb).
 */
export function installDirOf(
  input: { exePath: string; platform: string; appImagePath?: string | undefined },
  path: Pick<typeof nodePath, 'dirname'> = nodePath,
): string {
  if (input.platform === 'darwin') {
    const bundle = input.exePath.lastIndexOf('.app/');
    if (bundle !== -1) return input.exePath.slice(0, bundle + '.app'.length);
  }
  if (input.platform === 'linux' && input.appImagePath) return path.dirname(input.appImagePath);
  return path.dirname(input.exePath);
}

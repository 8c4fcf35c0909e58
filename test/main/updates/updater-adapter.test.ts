import { beforeEach, describe, expect, it, vi } from 'vitest';
import { stubUpdater } from './stub-updater';

// The adapter is the only code that touches electron-updater and app paths;
// both modules are replaced so it runs in plain Node.
const fake = vi.hoisted(() => ({
  isPackaged: true,
  paths: {
    userData: '/home/op/.config/ModelMachines Operator',
    exe: '/opt/ModelMachines Operator/modelmachines-operator',
  } as Record<string, string>,
  updater: null as unknown,
}));
vi.mock('electron', () => ({
  app: {
    getVersion: () => '1.0.0',
    get isPackaged() {
      return fake.isPackaged;
    },
    getPath: (name: string) => fake.paths[name],
  },
}));
vi.mock('electron-updater', () => ({
  default: {
    get autoUpdater() {
      return fake.updater;
    },
  },
}));

const { createUpdater } = await import('../../../main/electron/updater');

describe('Electron updater adapter', () => {
  beforeEach(() => {
    fake.isPackaged = true;
    fake.paths.userData = '/home/op/.config/ModelMachines Operator';
  });

  it('drives electron-updater’s autoUpdater with the app’s version, configured not to act alone', async () => {
    const updater = stubUpdater({ version: '1.1.0' });
    fake.updater = updater;
    const controller = createUpdater({ settingEnabled: () => true, prepareForInstall: async () => {} });
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    await controller.start();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(controller.status()).toMatchObject({ currentVersion: '1.0.0', state: 'available' });
  });

  it('refuses to update when userData sits inside the install directory', async () => {
    const updater = stubUpdater({ version: '1.1.0' });
    fake.updater = updater;
    fake.paths.userData = '/opt/ModelMachines Operator/data';
    const controller = createUpdater({ settingEnabled: () => true, prepareForInstall: async () => {} });
    await controller.start();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(controller.status().disabledReason).toContain('inside the install directory');
  });

  it('does not check from an unpacked development run', async () => {
    const updater = stubUpdater({ version: '1.1.0' });
    fake.updater = updater;
    fake.isPackaged = false;
    await createUpdater({ settingEnabled: () => true, prepareForInstall: async () => {} }).start();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
  });
});

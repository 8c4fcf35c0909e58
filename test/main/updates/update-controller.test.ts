import { describe, expect, it, vi } from 'vitest';
import {
  createUpdateController,
  type UpdateControllerDeps,
} from '../../../main/core/updates/update-controller';
import { stubUpdater } from './stub-updater';

const OFFER = {
  version: '1.2.0',
  releaseDate: '2026-12-01T10:00:00.000Z',
  releaseNotes: '<h2>Fixes</h2><ul><li>Safer refunds &amp; credits</li></ul><script>alert(1)</script>',
};

function setup(overrides: Partial<UpdateControllerDeps> = {}, offer: typeof OFFER | null = OFFER) {
  const updater = stubUpdater(offer);
  const prepareForInstall = vi.fn(async () => {});
  const controller = createUpdateController({
    updater,
    currentVersion: '1.0.0',
    settingEnabled: () => true,
    env: {},
    isPackaged: true,
    paths: { userData: '/home/op/.config/ModelMachines Operator', installDir: '/opt/ModelMachines Operator' },
    prepareForInstall,
    now: () => new Date('2026-12-03T12:00:00.000Z'),
    ...overrides,
  });
  return { updater, controller, prepareForInstall };
}

describe('update controller', () => {
  it('configures electron-updater never to act on its own', () => {
    const { updater } = setup();
    expect(updater).toMatchObject({
      autoDownload: false,
      autoInstallOnAppQuit: false,
      allowPrerelease: false,
      allowDowngrade: false,
      forceDevUpdateConfig: false,
    });
  });

  it('checks on start and offers the update with plain-text release notes, without downloading', async () => {
    const { updater, controller } = setup();
    const seen: string[] = [];
    controller.onChange((s) => seen.push(s.state));
    const result = await controller.start();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(result.ok).toBe(true);
    expect(controller.status()).toMatchObject({
      state: 'available',
      available: {
        version: '1.2.0',
        releaseDate: OFFER.releaseDate,
        releaseNotes: 'Fixes\n• Safer refunds & credits',
      },
      lastCheckedAt: '2026-12-03T12:00:00.000Z',
    });
    expect(seen).toEqual(['checking', 'checking', 'available']);
    expect(updater.downloadUpdate).not.toHaveBeenCalled();
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('reports up to date when the feed offers nothing', async () => {
    const { controller } = setup({}, null);
    await controller.check();
    expect(controller.status()).toMatchObject({ state: 'up-to-date', available: null });
  });

  it('downloads only with consent for the version the operator was shown', async () => {
    const { updater, controller } = setup();
    expect((await controller.download({ version: '1.2.0' })).ok).toBe(false); // nothing offered yet
    await controller.check();
    const wrong = await controller.download({ version: '1.1.0' });
    expect(wrong).toMatchObject({ ok: false, code: 'VERSION_MISMATCH' });
    expect(updater.downloadUpdate).not.toHaveBeenCalled();
    const right = await controller.download({ version: '1.2.0' });
    expect(right.ok).toBe(true);
    expect(updater.downloadUpdate).toHaveBeenCalledTimes(1);
    expect(controller.status()).toMatchObject({ state: 'downloaded', downloadPercent: 100 });
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('ignores a download it did not ask for', async () => {
    const { updater, controller } = setup();
    await controller.check();
    updater.emit('update-downloaded', OFFER); // as if autoDownload had been left on
    expect(controller.status().state).toBe('available');
    expect(await controller.install({ version: '1.2.0' })).toMatchObject({
      ok: false,
      code: 'NOT_DOWNLOADED',
    });
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('installs only the downloaded version, after preparing the app', async () => {
    const { updater, controller, prepareForInstall } = setup();
    await controller.check();
    expect(await controller.install({ version: '1.2.0' })).toMatchObject({
      ok: false,
      code: 'NOT_DOWNLOADED',
    });
    await controller.download({ version: '1.2.0' });
    expect(await controller.install({ version: '9.9.9' })).toMatchObject({
      ok: false,
      code: 'VERSION_MISMATCH',
    });
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    expect((await controller.install({ version: '1.2.0' })).ok).toBe(true);
    expect(prepareForInstall).toHaveBeenCalledTimes(1);
    expect(prepareForInstall.mock.invocationCallOrder[0]).toBeLessThan(
      updater.quitAndInstall.mock.invocationCallOrder[0] ?? 0,
    );
    expect(updater.quitAndInstall).toHaveBeenCalledWith(false, true);
  });

  it.each([
    ['MM_DISABLE_UPDATES=1', { env: { MM_DISABLE_UPDATES: '1' } }, 'MM_DISABLE_UPDATES'],
    ['MM_DISABLE_UPDATES=true', { env: { MM_DISABLE_UPDATES: 'TRUE' } }, 'MM_DISABLE_UPDATES'],
    ['the setting', { settingEnabled: () => false }, 'in settings'],
    ['an unpacked build', { isPackaged: false }, 'packaged'],
    [
      'app data inside the install directory',
      { paths: { userData: '/opt/Operator/data', installDir: '/opt/Operator' } },
      'inside the install directory',
    ],
  ] as const)(
    'is disabled by %s: no check on start or on demand, no download',
    async (_name, overrides, reason) => {
      const { updater, controller } = setup(overrides);
      for (const result of [await controller.start(), await controller.check()]) {
        expect(result).toMatchObject({ ok: false, code: 'UPDATES_DISABLED' });
      }
      expect(await controller.download({ version: '1.2.0' })).toMatchObject({
        ok: false,
        code: 'UPDATES_DISABLED',
      });
      expect(controller.status().state).toBe('disabled');
      expect(controller.status().disabledReason).toContain(reason);
      expect(updater.checkForUpdates).not.toHaveBeenCalled();
      expect(updater.downloadUpdate).not.toHaveBeenCalled();
    },
  );

  it('applies a change of the setting at the next check', async () => {
    let enabled = false;
    const { updater, controller } = setup({ settingEnabled: () => enabled });
    await controller.check();
    expect(controller.status().state).toBe('disabled');
    enabled = true;
    await controller.check();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(controller.status()).toMatchObject({ state: 'available', disabledReason: null });
  });

  it('reports a failed check as one line in the status, never as a throw', async () => {
    const { updater, controller } = setup();
    updater.failCheckWith = new Error('net::ERR_INTERNET_DISCONNECTED\n    at stack frame');
    const result = await controller.check();
    expect(result.ok).toBe(true);
    expect(controller.status()).toMatchObject({ state: 'error', error: 'net::ERR_INTERNET_DISCONNECTED' });
  });

  it('shares one check between concurrent requests', async () => {
    const { updater, controller } = setup();
    await Promise.all([controller.check(), controller.check(), controller.start()]);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
  });

  it('does not re-check over a finished download', async () => {
    const { updater, controller } = setup();
    await controller.check();
    await controller.download({ version: '1.2.0' });
    await controller.check();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(controller.status().state).toBe('downloaded');
  });
});

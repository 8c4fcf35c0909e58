import { describe, expect, it } from 'vitest';
import { toOperatorError } from '../../../main/core/errors/normalize';
import { createUpdateController } from '../../../main/core/updates/update-controller';
import { createUpdateHandlers, disabledUpdateHandlers } from '../../../main/core/updates/update-handlers';
import { UpdateStatus } from '../../../shared/ipc/contract';
import { stubUpdater } from './stub-updater';

function handlers() {
  const updater = stubUpdater({ version: '2.0.0', releaseNotes: 'Two' });
  const controller = createUpdateController({
    updater,
    currentVersion: '1.0.0',
    settingEnabled: () => true,
    env: {},
    isPackaged: true,
    paths: { userData: '/home/op/.config/Operator', installDir: '/opt/Operator' },
    prepareForInstall: async () => {},
  });
  return { updater, handlers: createUpdateHandlers(controller) };
}

describe('updates.* bridge handlers', () => {
  it('answer with a status that matches the bridge contract', async () => {
    const { handlers: h } = handlers();
    const checked = await h['updates.check']({});
    expect(UpdateStatus.parse(checked)).toEqual(checked);
    expect(checked).toMatchObject({
      state: 'available',
      available: { version: '2.0.0', releaseNotes: 'Two' },
    });
    expect(await h['updates.status']({})).toEqual(checked);
  });

  it('turn a refused download into a named bridge error carrying the current status', async () => {
    const { updater, handlers: h } = handlers();
    await h['updates.check']({});
    const error = await h['updates.download']({ version: '3.0.0' }).catch(toOperatorError);
    expect(error).toMatchObject({
      code: 'version_mismatch',
      retryable: false,
      current: { state: 'available' },
    });
    expect(updater.downloadUpdate).not.toHaveBeenCalled();
    expect(await h['updates.download']({ version: '2.0.0' })).toMatchObject({ state: 'downloaded' });
    expect(await h['updates.install']({ version: '2.0.0' })).toMatchObject({ state: 'installing' });
    expect(updater.quitAndInstall).toHaveBeenCalledTimes(1);
  });

  it('are disabled, with the reason, where the app cannot update itself', async () => {
    const h = disabledUpdateHandlers('web host', '1.0.0');
    expect(await h['updates.check']()).toMatchObject({ state: 'disabled', disabledReason: 'web host' });
    await expect(h['updates.download']()).rejects.toMatchObject({ detail: { code: 'updates_disabled' } });
    await expect(h['updates.install']()).rejects.toMatchObject({ detail: { code: 'updates_disabled' } });
  });
});

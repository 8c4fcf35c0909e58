import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EventHub } from '../../../main/core/events/event-hub';

// Electron is stubbed; electron-store (inlined by the vitest config) runs for real on a temp userData.
const userData = mkdtempSync(join(tmpdir(), 'userdata-'));
const ipcOn = vi.fn();
const removeAllListeners = vi.fn();
const showSaveDialog = vi.fn(async () => ({ canceled: false, filePath: '/chosen/file.csv' }));
const safeStorage = {
  isEncryptionAvailable: vi.fn(() => true),
  getSelectedStorageBackend: vi.fn(() => 'basic_text'),
  encryptString: vi.fn((s: string) => Buffer.from(`x${s}`)),
  decryptString: vi.fn((b: Buffer) => b.toString().slice(1)),
};
vi.mock('electron', () => {
  const electron = {
    app: { getPath: () => userData, getVersion: () => '1.0.0', getName: () => 'operator' },
    ipcMain: { on: ipcOn, handle: vi.fn(), removeAllListeners },
    shell: {},
    safeStorage,
    dialog: { showSaveDialog },
  };
  return { ...electron, default: electron };
});

const { openSettingsStore } = await import('../../../main/electron/settings-store');
const { safeStorageSealer } = await import('../../../main/electron/safe-storage-sealer');
const { nativeSaveDialog } = await import('../../../main/electron/save-dialog');
const { forwardEvents, removeElectronStoreChannel } = await import('../../../main/electron/ipc');

describe('the Electron adapters', () => {
  it('electron-store keeps values in userData, and a file that does not parse is set aside', () => {
    const first = openSettingsStore();
    expect(first.recovered).toBeNull();
    first.store.set('settings', { requestTimeoutMs: 5000 });
    expect(openSettingsStore().store.get('settings')).toEqual({ requestTimeoutMs: 5000 });

    const file = join(userData, 'operator-settings.json');
    writeFileSync(file, '{ not json');
    const reopened = openSettingsStore();
    expect(reopened.recovered?.backupPath).toMatch(/operator-settings\.json\.damaged-/);
    expect(readFileSync(reopened.recovered?.backupPath ?? '', 'utf8')).toBe('{ not json');
    expect(reopened.store.get('settings')).toBeUndefined();

    reopened.store.set('profiles', { bad: true });
    const backup = reopened.store.quarantine();
    expect(backup && existsSync(backup)).toBe(true);
    expect(reopened.store.get('profiles')).toBeUndefined();
  });

  it('removes electron-store’s own IPC channel so the bridge is the only IPC main answers', () => {
    removeElectronStoreChannel();
    expect(removeAllListeners).toHaveBeenCalledWith('electron-store-get-data');
  });

  it('the sealer reports the Linux backend and round-trips through safeStorage', () => {
    expect(safeStorageSealer.selectedBackend()).toBe(process.platform === 'linux' ? 'basic_text' : null);
    const sealed = safeStorageSealer.encryptString('tok');
    expect(safeStorageSealer.decryptString(sealed)).toBe('tok');
  });

  it('the save dialog returns the chosen path, or null when cancelled', async () => {
    const dialog = nativeSaveDialog(() => null);
    const request = { title: 't', defaultFileName: 'a.csv', filters: [{ name: 'CSV', extensions: ['csv'] }] };
    expect(await dialog.choosePath(request)).toBe('/chosen/file.csv');
    showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await dialog.choosePath(request)).toBeNull();
  });

  it('forwards events to the app window only, with the payload only', () => {
    const hub = new EventHub();
    const send = vi.fn();
    let destroyed = false;
    const contents = { send, isDestroyed: () => destroyed };
    forwardEvents(hub, () => contents as never);
    hub.emit('mutations.progress', {
      ticketId: 't',
      operation: 'metering.tick',
      attempt: 1,
      state: 'sending',
      message: 'm',
    });
    expect(send).toHaveBeenCalledWith(
      'operator:event:mutations.progress',
      expect.objectContaining({ ticketId: 't' }),
    );
    destroyed = true;
    hub.emit('mutations.progress', {
      ticketId: 't',
      operation: 'metering.tick',
      attempt: 2,
      state: 'retrying',
      message: 'm',
    });
    expect(send).toHaveBeenCalledTimes(1);
  });
});

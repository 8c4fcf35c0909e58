import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import type { UpdateInfoLike, UpdaterPort } from '../../../main/core/updates/updater-port';

/**
 * Stands in for electron-updater's autoUpdater: the same event names and
 * payload shapes, with checkForUpdates/downloadUpdate emitting what the real
 * one emits for a feed that offers `offer` (or nothing).
 */
export function stubUpdater(offer: UpdateInfoLike | null) {
  const events = new EventEmitter();
  const stub = {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    allowPrerelease: true,
    allowDowngrade: true,
    fullChangelog: false,
    forceDevUpdateConfig: true,
    offer,
    failCheckWith: null as Error | null,
    on: events.on.bind(events),
    emit: events.emit.bind(events),
    checkForUpdates: vi.fn(async () => {
      events.emit('checking-for-update');
      if (stub.failCheckWith) {
        events.emit('error', stub.failCheckWith);
        throw stub.failCheckWith;
      }
      if (stub.offer) events.emit('update-available', stub.offer);
      else events.emit('update-not-available', { version: '1.0.0' });
      return null;
    }),
    downloadUpdate: vi.fn(async () => {
      if (!stub.offer) throw new Error('Please check update first');
      events.emit('download-progress', { percent: 50, transferred: 5, total: 10 });
      events.emit('update-downloaded', stub.offer);
      return ['/tmp/update.bin'];
    }),
    quitAndInstall: vi.fn(),
  };
  return stub satisfies UpdaterPort;
}

import { copyFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import ElectronStore from 'electron-store';
import type { KeyValueStore, OpenedStore } from '../core/platform/key-value-store';

const NAME = 'operator-settings';

/**
 * Profiles, sealed tokens and settings in userData via electron-store (atomic
 * writes). A file that does not even parse is moved aside and a fresh one
 * started; the core then validates every key and resets with a message if
 * the content is not what it expects (main/core/profiles/store-health.ts).
 */
export function openSettingsStore(): OpenedStore {
  const open = () =>
    new ElectronStore<Record<string, unknown>>({
      name: NAME,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      watch: false,
    });
  try {
    return { store: adapt(open()), recovered: null };
  } catch {
    const file = join(app.getPath('userData'), `${NAME}.json`);
    const backupPath = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      renameSync(file, backupPath);
    } catch {
      // Nothing to move: open() failed for another reason and will fail again, loudly.
    }
    return { store: adapt(open()), recovered: { backupPath } };
  }
}

function adapt(store: ElectronStore<Record<string, unknown>>): KeyValueStore {
  return {
    location: store.path,
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
    quarantine: () => {
      const backup = `${store.path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      try {
        copyFileSync(store.path, backup);
      } catch {
        return null;
      } finally {
        store.clear();
      }
      return backup;
    },
  };
}

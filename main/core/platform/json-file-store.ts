import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeyValueStore, OpenedStore } from './key-value-store';

/**
 * A KeyValueStore in one JSON file, for the web host and tests (Electron uses
 * electron-store). Writes go to a temporary file that is fsynced and renamed
 * over the old one, so a crash leaves either the old or the new file, never
 * half of one. A file that does not parse is moved aside and replaced.
 */
export function openJsonFileStore(file: string, now: () => number = Date.now): OpenedStore {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  let data: Record<string, unknown> = {};
  let recovered: { backupPath: string } | null = null;
  let raw: string | null = null;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    raw = null;
  }
  if (raw !== null) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error('not an object');
      data = parsed as Record<string, unknown>;
    } catch {
      recovered = { backupPath: moveAside(file, now) };
    }
  }

  const flush = () => {
    const temporary = `${file}.tmp`;
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(data, null, 2));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  };

  const store: KeyValueStore = {
    location: file,
    get: (key) => (Object.hasOwn(data, key) ? structuredClone(data[key]) : undefined),
    set: (key, value) => {
      data[key] = structuredClone(value);
      flush();
    },
    delete: (key) => {
      delete data[key];
      flush();
    },
    quarantine: () => {
      const backup = moveAside(file, now);
      data = {};
      flush();
      return backup;
    },
  };
  return { store, recovered };
}

function moveAside(file: string, now: () => number): string {
  const backup = `${file}.damaged-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(file, backup);
  } catch {
    // Nothing to keep (the file vanished); the reset still goes ahead.
  }
  return backup;
}

/**
 * The persistence the core needs for profiles, sealed tokens and settings.
 * Electron uses electron-store (userData); the web host and tests use a JSON
 * file in a directory of their choosing. Values are plain JSON.
 */
export interface KeyValueStore {
  /** Where the data lives, for messages to the operator. */
  readonly location: string;
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /**
   * Moves the current file aside (kept for support) and starts empty.
   * Returns the path of the kept copy, or null when there was nothing to keep.
   */
  quarantine(): string | null;
}

/** What opening a store found: a damaged file is set aside, never a crash. */
export type OpenedStore = { store: KeyValueStore; recovered: { backupPath: string } | null };

/** In-memory store for tests. */
export function memoryStore(initial: Record<string, unknown> = {}): KeyValueStore {
  let data: Record<string, unknown> = structuredClone(initial);
  return {
    location: '(memory)',
    get: (key) => structuredClone(data[key]),
    set: (key, value) => {
      data[key] = structuredClone(value);
    },
    delete: (key) => {
      delete data[key];
    },
    quarantine: () => {
      data = {};
      return '(memory backup)';
    },
  };
}

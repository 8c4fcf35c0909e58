import { z } from 'zod';
import type { KeyValueStore } from '../platform/key-value-store';
import { StoredProfiles } from './profile-repository';

/** Every key the core keeps in its settings store, with the shape it must have. */
const StoreShape = {
  profiles: StoredProfiles,
  tokens: z.record(z.string(), z.string()),
  settings: z.object({}).loose(),
} as const;

/**
 * Schema-validated load: if any known key holds something the app does not
 * understand (hand-edited, half-written by an old version, disk damage), the
 * whole file is set aside for support and the app starts from defaults with a
 * message saying where the copy went, instead of crashing or half-working.
 */
export function checkStoreHealth(store: KeyValueStore, unreadableBackup: string | null): string | null {
  if (unreadableBackup !== null) return resetMessage(unreadableBackup);
  for (const [key, schema] of Object.entries(StoreShape)) {
    const value = store.get(key);
    if (value === undefined) continue;
    if (!schema.safeParse(value).success) return resetMessage(store.quarantine());
  }
  return null;
}

function resetMessage(backup: string | null): string {
  return `The settings file was damaged, so connection profiles and settings were reset to defaults${
    backup ? `. A copy of the damaged file was kept at ${backup}` : ''
  }. Saved tokens must be entered again.`;
}

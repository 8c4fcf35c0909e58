import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file';

/** Operator choices about the cache. Not secret, so kept in clear next to the cache. */
export interface CacheSettings {
  /** The operator can turn the cache off entirely (it is then wiped). */
  enabled: boolean;
  /** Opt-in to a cache whose key only has `basic_text` protection (Linux without a keyring). */
  allowWeakKeyProtection: boolean;
  /** Data not refreshed from the backend for this long is purged. */
  expiryDays: number;
}

export const DEFAULT_CACHE_SETTINGS: CacheSettings = {
  enabled: true,
  allowWeakKeyProtection: false,
  expiryDays: 30,
};

const FILE = 'cache-settings.json';
export const MAX_EXPIRY_DAYS = 365;

export function validExpiryDays(days: number): boolean {
  return Number.isInteger(days) && days >= 1 && days <= MAX_EXPIRY_DAYS;
}

/** A damaged or hand-edited settings file falls back to the defaults (the safe choice), never a crash. */
export async function loadCacheSettings(root: string): Promise<CacheSettings> {
  try {
    const raw = JSON.parse(await readFile(join(root, FILE), 'utf8')) as Partial<CacheSettings>;
    return {
      enabled: typeof raw.enabled === 'boolean' ? raw.enabled : DEFAULT_CACHE_SETTINGS.enabled,
      allowWeakKeyProtection: raw.allowWeakKeyProtection === true,
      expiryDays:
        typeof raw.expiryDays === 'number' && validExpiryDays(raw.expiryDays)
          ? raw.expiryDays
          : DEFAULT_CACHE_SETTINGS.expiryDays,
    };
  } catch {
    return { ...DEFAULT_CACHE_SETTINGS };
  }
}

export async function saveCacheSettings(root: string, settings: CacheSettings): Promise<void> {
  await writeFileAtomic(join(root, FILE), Buffer.from(JSON.stringify(settings, null, 2)));
}

import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file';

/**
 * How well the OS protects what the sealer seals.
 * - `os`: a real keyring (Keychain, DPAPI, libsecret/kwallet): the data key is safe at rest.
 * - `weak`: Linux `basic_text`: sealing is obfuscation with a fixed password, so
 *   the cache stays off unless the operator opts in.
 * - `unavailable`: nothing can be sealed; the cache is off.
 */
export type KeyProtection = 'os' | 'weak' | 'unavailable';

/**
 * What the cache needs from Electron's safeStorage (or a test double). Sealing
 * works on strings because that is safeStorage's API; the key is base64.
 */
export interface CacheKeySealer {
  protection(): KeyProtection;
  seal(plain: string): Buffer;
  unseal(sealed: Buffer): string;
}

const KEY_FILE = 'cache-key.json';
const KEY_BYTES = 32;

interface KeyFile {
  v: 1;
  sealed: string;
}

/** Keys derived from the one random data key; each has one job. */
export interface CacheKeys {
  /** AES-256-GCM key for the files of one profile (a file copied across profiles fails to open). */
  encryptionKey(profileId: string): Buffer;
  /** Opaque, stable file-system name for a value, so no profile or tenant id appears in a path. */
  name(purpose: 'profile' | 'tenant', ...parts: string[]): string;
}

function derive(root: Buffer, info: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', root, Buffer.from('mmo-offline-cache'), Buffer.from(info, 'utf8'), 32),
  );
}

export function keysFrom(root: Buffer): CacheKeys {
  const nameKey = derive(root, 'names v1');
  const perProfile = new Map<string, Buffer>();
  return {
    encryptionKey(profileId) {
      let key = perProfile.get(profileId);
      if (!key) {
        key = derive(root, `encryption v1\0${profileId}`);
        perProfile.set(profileId, key);
      }
      return key;
    },
    name(purpose, ...parts) {
      // NUL separators keep ("a","bc") and ("ab","c") apart.
      const mac = createHmac('sha256', nameKey)
        .update([purpose, ...parts].join('\0'), 'utf8')
        .digest('hex');
      return mac.slice(0, 32);
    },
  };
}

export type KeyLoad = { ok: true; keys: CacheKeys; created: boolean } | { ok: false; reason: 'unreadable' };

/**
 * Loads the sealed data key, or creates one. A key that no longer unseals
 * (keyring reset, profile copied to another machine) makes every cache file
 * unreadable: the caller wipes the cache and starts over, since all of it can
 * be fetched again.
 */
export async function loadOrCreateKey(root: string, sealer: CacheKeySealer): Promise<KeyLoad> {
  const path = join(root, KEY_FILE);
  let raw: string | null = null;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (raw !== null) {
    try {
      const parsed = JSON.parse(raw) as Partial<KeyFile>;
      if (parsed.v !== 1 || typeof parsed.sealed !== 'string') return { ok: false, reason: 'unreadable' };
      const key = Buffer.from(sealer.unseal(Buffer.from(parsed.sealed, 'base64')), 'base64');
      if (key.length !== KEY_BYTES) return { ok: false, reason: 'unreadable' };
      return { ok: true, keys: keysFrom(key), created: false };
    } catch {
      return { ok: false, reason: 'unreadable' };
    }
  }
  const key = randomBytes(KEY_BYTES);
  const file: KeyFile = { v: 1, sealed: sealer.seal(key.toString('base64')).toString('base64') };
  await writeFileAtomic(path, Buffer.from(JSON.stringify(file)));
  return { ok: true, keys: keysFrom(key), created: true };
}

export const KEY_FILE_NAME = KEY_FILE;

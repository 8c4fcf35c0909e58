import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretSealer } from '../vault/secret-sealer';
import type { CacheKeySealer, KeyProtection } from './key-store';

/** Linux safeStorage backends that only obfuscate (a fixed password), as the vault also judges them. */
const WEAK_BACKENDS = new Set(['basic_text', 'unknown']);

/** The cache's view of Electron's safeStorage, through the core's SecretSealer port. */
export function cacheSealerFrom(sealer: SecretSealer): CacheKeySealer {
  return {
    protection(): KeyProtection {
      if (!sealer.isEncryptionAvailable()) return 'unavailable';
      const backend = sealer.selectedBackend();
      return backend !== null && WEAK_BACKENDS.has(backend) ? 'weak' : 'os';
    },
    seal: (plain) => Buffer.from(sealer.encryptString(plain)),
    unseal: (sealed) => sealer.decryptString(sealed),
  };
}

/**
 * For the web host (tests, headless machines), which has no OS keyring: the
 * data key is sealed under a key that exists only in this process's memory,
 * so the cache works for this run and is unreadable (and wiped) after it.
 * Nothing usable is ever at rest, which is why it counts as protected.
 */
export function sessionKeySealer(): CacheKeySealer {
  const key = randomBytes(32);
  return {
    protection: () => 'os',
    seal(plain) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([nonce, body, cipher.getAuthTag()]);
    },
    unseal(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      return Buffer.concat([
        decipher.update(sealed.subarray(12, sealed.length - 16)),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}

import { describe, expect, it } from 'vitest';
import { cacheSealerFrom, sessionKeySealer } from '../../../main/core/cache/sealers';
import type { SecretSealer } from '../../../main/core/vault/secret-sealer';

function safeStorageLike(available: boolean, backend: string | null): SecretSealer {
  return {
    isEncryptionAvailable: () => available,
    selectedBackend: () => backend,
    encryptString: (plain) => Buffer.from(`enc:${plain}`),
    decryptString: (sealed) => Buffer.from(sealed).toString().slice(4),
  };
}

describe('cache key sealers', () => {
  it('judge safeStorage as the vault does: basic_text (and unknown) only obfuscate', () => {
    expect(cacheSealerFrom(safeStorageLike(true, null)).protection()).toBe('os');
    expect(cacheSealerFrom(safeStorageLike(true, 'gnome_libsecret')).protection()).toBe('os');
    expect(cacheSealerFrom(safeStorageLike(true, 'basic_text')).protection()).toBe('weak');
    expect(cacheSealerFrom(safeStorageLike(true, 'unknown')).protection()).toBe('weak');
    expect(cacheSealerFrom(safeStorageLike(false, null)).protection()).toBe('unavailable');
    const sealer = cacheSealerFrom(safeStorageLike(true, null));
    expect(sealer.unseal(sealer.seal('key'))).toBe('key');
  });

  it('session key: round-trips in this process, unreadable by another (a restarted web host)', () => {
    const one = sessionKeySealer();
    const sealed = one.seal('data key');
    expect(sealed.includes(Buffer.from('data key'))).toBe(false);
    expect(one.unseal(sealed)).toBe('data key');
    expect(() => sessionKeySealer().unseal(sealed)).toThrow();
  });
});

/**
 * What the vault needs from Electron's safeStorage, so it runs in Node tests
 * and in the web host (which has no OS keyring and keeps tokens in memory).
 */
export interface SecretSealer {
  isEncryptionAvailable(): boolean;
  /** Linux only: safeStorage.getSelectedStorageBackend(); null elsewhere. */
  selectedBackend(): string | null;
  encryptString(plain: string): Uint8Array;
  decryptString(sealed: Uint8Array): string;
}

/** For the web host and tests: nothing can be sealed, so nothing is persisted. */
export const sessionOnlySealer: SecretSealer = {
  isEncryptionAvailable: () => false,
  selectedBackend: () => null,
  encryptString: () => {
    throw new Error('no sealing available');
  },
  decryptString: () => {
    throw new Error('no sealing available');
  },
};

/**
 * Linux backends that do not actually protect the secret: basic_text is a
 * hard-coded key, and unknown means safeStorage had not chosen yet.
 */
const WEAK_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

export type SealingVerdict = { persist: true } | { persist: false; reason: string };

export function decideSealing(sealer: SecretSealer, sessionOnlyReason: string | null): SealingVerdict {
  if (sessionOnlyReason !== null) return { persist: false, reason: sessionOnlyReason };
  if (!sealer.isEncryptionAvailable()) {
    return {
      persist: false,
      reason:
        'This system offers no secure credential storage, so the token is kept for this session only. You will be asked for it again next time.',
    };
  }
  const backend = sealer.selectedBackend();
  if (backend !== null && WEAK_LINUX_BACKENDS.has(backend)) {
    return {
      persist: false,
      reason:
        'No desktop keyring (such as GNOME Keyring or KWallet) is available, so the token is kept for this session only rather than saved with a fixed, guessable key. Install or unlock a keyring to have it remembered.',
    };
  }
  return { persist: true };
}

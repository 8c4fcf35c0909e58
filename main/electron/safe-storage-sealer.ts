import { safeStorage } from 'electron';
import type { SecretSealer } from '../core/vault/secret-sealer';

/** Electron's safeStorage (Keychain, DPAPI, libsecret/KWallet) behind the core's interface. */
export const safeStorageSealer: SecretSealer = {
  isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
  // Only Linux chooses among backends; elsewhere the OS store is the only one.
  selectedBackend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null),
  encryptString: (plain) => safeStorage.encryptString(plain),
  decryptString: (sealed) => safeStorage.decryptString(Buffer.from(sealed)),
};

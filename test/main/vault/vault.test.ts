import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../main/core/logging/redactor';
import { memoryStore } from '../../../main/core/platform/key-value-store';
import type { SecretSealer } from '../../../main/core/vault/secret-sealer';
import { Vault } from '../../../main/core/vault/vault';

/** A stand-in for safeStorage: reversible, but visibly not the plain text. */
function fakeSealer(backend: string | null, available = true): SecretSealer {
  return {
    isEncryptionAvailable: () => available,
    selectedBackend: () => backend,
    encryptString: (plain) => Buffer.from(`sealed:${Buffer.from(plain).toString('base64')}`),
    decryptString: (sealed) => {
      const text = Buffer.from(sealed).toString();
      if (!text.startsWith('sealed:')) throw new Error('cannot unseal');
      return Buffer.from(text.slice(7), 'base64').toString();
    },
  };
}

const TOKEN = 'tok-0123456789-secret';

describe('the credential vault', () => {
  it('with a real keyring: stores the token only sealed, and reveals it to main after a restart', () => {
    const store = memoryStore();
    const vault = new Vault(store, fakeSealer('gnome_libsecret'), new Redactor());
    expect(vault.set('p1', TOKEN)).toEqual({ persisted: true, warning: null });
    expect(JSON.stringify(store.get('tokens'))).not.toContain(TOKEN);
    const again = new Vault(store, fakeSealer('gnome_libsecret'), new Redactor());
    expect(again.state('p1')).toEqual({ hasToken: true, persisted: true });
    expect(again.reveal('p1')).toBe(TOKEN);
  });

  it.each([
    ['basic_text', true],
    ['unknown', true],
    [null, false],
  ])('backend %s (encryption available: %s) → session only, with a reason', (backend, available) => {
    const store = memoryStore();
    const vault = new Vault(store, fakeSealer(backend, available), new Redactor());
    const result = vault.set('p1', TOKEN);
    expect(result.persisted).toBe(false);
    expect(result.warning).toMatch(/this session only/);
    expect(store.get('tokens')).toBeUndefined();
    expect(vault.reveal('p1')).toBe(TOKEN);
    expect(new Vault(store, fakeSealer(backend, available), new Redactor()).state('p1').hasToken).toBe(false);
  });

  it('on macOS/Windows (no backend choice) persists when encryption is available', () => {
    expect(new Vault(memoryStore(), fakeSealer(null), new Redactor()).set('p1', TOKEN).persisted).toBe(true);
  });

  it('a sealed token that cannot be unsealed (another user, keyring reset) is dropped, not crashed on', () => {
    const store = memoryStore({ tokens: { p1: Buffer.from('garbage').toString('base64') } });
    const vault = new Vault(store, fakeSealer('kwallet5'), new Redactor());
    expect(vault.reveal('p1')).toBeNull();
    expect(vault.state('p1').hasToken).toBe(false);
  });

  it('registers every token with the redactor, and clear() removes both copies', () => {
    const redactor = new Redactor();
    const store = memoryStore();
    const vault = new Vault(store, fakeSealer('kwallet5'), redactor);
    vault.set('p1', TOKEN);
    expect(redactor.redact(`oops ${TOKEN} and Bearer abc.def`)).toBe('oops [redacted] and Bearer [redacted]');
    vault.clear('p1');
    expect(vault.state('p1')).toEqual({ hasToken: false, persisted: false });
    expect(vault.reveal('p1')).toBeNull();
  });

  it('the web host never persists, whatever the platform offers', () => {
    const vault = new Vault(
      memoryStore(),
      fakeSealer('gnome_libsecret'),
      new Redactor(),
      'web host: session only',
    );
    expect(vault.set('p1', TOKEN)).toEqual({ persisted: false, warning: 'web host: session only' });
  });
});

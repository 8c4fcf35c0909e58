import { z } from 'zod';
import type { Redactor } from '../logging/redactor';
import type { KeyValueStore } from '../platform/key-value-store';
import { decideSealing, type SecretSealer } from './secret-sealer';

const SealedTokens = z.record(z.string(), z.string());

export type TokenState = { hasToken: boolean; persisted: boolean };

/**
 * API tokens per profile. Persisted only sealed by the OS (safeStorage);
 * otherwise held in memory for this session. The plain token is handed out
 * only to the API client inside main (`reveal`), and every token is
 * registered with the redactor the moment main learns it.
 */
export class Vault {
  private readonly session = new Map<string, string>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly sealer: SecretSealer,
    private readonly redactor: Redactor,
    /** Set by the web host: it never persists tokens, whatever the platform offers. */
    private readonly sessionOnlyReason: string | null = null,
  ) {}

  /** The warning to show while tokens cannot be persisted, or null. */
  warning(): string | null {
    const verdict = decideSealing(this.sealer, this.sessionOnlyReason);
    return verdict.persist ? null : verdict.reason;
  }

  set(profileId: string, token: string): { persisted: boolean; warning: string | null } {
    this.redactor.register(token);
    const verdict = decideSealing(this.sealer, this.sessionOnlyReason);
    this.session.set(profileId, token);
    if (!verdict.persist) {
      this.removeSealed(profileId);
      return { persisted: false, warning: verdict.reason };
    }
    const sealed = Buffer.from(this.sealer.encryptString(token)).toString('base64');
    this.store.set('tokens', { ...this.sealedTokens(), [profileId]: sealed });
    return { persisted: true, warning: null };
  }

  clear(profileId: string): void {
    const token = this.session.get(profileId);
    if (token !== undefined) this.redactor.forget(token);
    this.session.delete(profileId);
    this.removeSealed(profileId);
  }

  state(profileId: string): TokenState {
    const persisted = Object.hasOwn(this.sealedTokens(), profileId);
    return { hasToken: persisted || this.session.has(profileId), persisted };
  }

  /** Main-internal: the plain token for the API client. Never returned over the bridge. */
  reveal(profileId: string): string | null {
    const cached = this.session.get(profileId);
    if (cached !== undefined) return cached;
    const sealed = this.sealedTokens()[profileId];
    if (sealed === undefined) return null;
    try {
      const token = this.sealer.decryptString(Buffer.from(sealed, 'base64'));
      this.redactor.register(token);
      this.session.set(profileId, token);
      return token;
    } catch {
      // Sealed on another machine or user account, or the keyring changed: ask again.
      this.removeSealed(profileId);
      return null;
    }
  }

  private sealedTokens(): Record<string, string> {
    const parsed = SealedTokens.safeParse(this.store.get('tokens') ?? {});
    return parsed.success ? parsed.data : {};
  }

  private removeSealed(profileId: string): void {
    const tokens = this.sealedTokens();
    if (!Object.hasOwn(tokens, profileId)) return;
    delete tokens[profileId];
    this.store.set('tokens', tokens);
  }
}

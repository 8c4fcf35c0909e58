import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { EnvironmentKind } from '../../../shared/api/schemas';
import { OperatorFailure } from '../errors/normalize';
import type { KeyValueStore } from '../platform/key-value-store';
import { checkBaseUrl } from './url-rules';

export const LOCAL_SANDBOX_PROFILE_ID = 'local-sandbox';
export const DEFAULT_LOCAL_SANDBOX_URL = 'http://127.0.0.1:8787';

export const StoredProfile = z.object({
  id: z.string().min(1).max(128),
  name: z.string().min(1).max(80),
  baseUrl: z.string().min(1).max(2048),
  expectedKind: EnvironmentKind,
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  allowInsecureHttp: z.boolean(),
});
export type Profile = z.infer<typeof StoredProfile> & { builtIn: boolean };

/** The persisted shape under the store's `profiles` key. */
export const StoredProfiles = z.object({
  list: z.array(StoredProfile),
  activeProfileId: z.string().nullable(),
});
type StoredProfiles = z.infer<typeof StoredProfiles>;

export type ProfileInput = Omit<z.infer<typeof StoredProfile>, 'id'> & { id?: string };

/**
 * Connection profiles, like a database client's connections. The built-in
 * "Local sandbox" is computed, not stored: its address comes from how the app
 * was started (MM_LOCAL_SANDBOX_URL), so it always points at the sandbox that
 * `npm start` runs. Tokens are not here; see the vault.
 */
export class ProfileRepository {
  private readonly builtIn: Profile;

  constructor(
    private readonly store: KeyValueStore,
    localSandboxUrl: string,
  ) {
    const checked = checkBaseUrl(localSandboxUrl, false);
    this.builtIn = {
      id: LOCAL_SANDBOX_PROFILE_ID,
      name: 'Local sandbox',
      baseUrl: checked.ok ? checked.url : DEFAULT_LOCAL_SANDBOX_URL,
      expectedKind: 'sandbox',
      color: '#2f9e44',
      allowInsecureHttp: false,
      builtIn: true,
    };
  }

  list(): Profile[] {
    return [this.builtIn, ...this.read().list.map((p) => ({ ...p, builtIn: false }))];
  }

  get(id: string): Profile | null {
    return this.list().find((p) => p.id === id) ?? null;
  }

  require(id: string): Profile {
    const profile = this.get(id);
    if (!profile) {
      throw new OperatorFailure({
        code: 'profile_not_found',
        message: 'There is no such profile.',
        retryable: false,
      });
    }
    return profile;
  }

  /** The active profile; the local sandbox until the operator picks another. */
  activeId(): string | null {
    const stored = this.read().activeProfileId;
    if (stored === null) return null;
    return this.get(stored) ? stored : LOCAL_SANDBOX_PROFILE_ID;
  }

  setActive(id: string): void {
    this.require(id);
    this.write({ ...this.read(), activeProfileId: id });
  }

  save(input: ProfileInput): Profile {
    if (input.id === LOCAL_SANDBOX_PROFILE_ID) {
      throw new OperatorFailure({
        code: 'profile_read_only',
        message: 'The built-in Local sandbox profile cannot be edited; create a new profile instead.',
        retryable: false,
      });
    }
    const url = checkBaseUrl(input.baseUrl, input.allowInsecureHttp);
    if (!url.ok) {
      throw new OperatorFailure({
        code: 'invalid_arguments',
        message: url.message,
        fields: [{ field: 'baseUrl', message: url.message }],
        retryable: false,
      });
    }
    const state = this.read();
    if (input.id !== undefined && !state.list.some((p) => p.id === input.id)) {
      throw new OperatorFailure({
        code: 'profile_not_found',
        message: 'There is no such profile.',
        retryable: false,
      });
    }
    const profile = {
      id: input.id ?? `p_${randomBytes(8).toString('hex')}`,
      name: input.name.trim(),
      baseUrl: url.url,
      expectedKind: input.expectedKind,
      color: input.color,
      allowInsecureHttp: input.allowInsecureHttp,
    };
    const list = state.list.some((p) => p.id === profile.id)
      ? state.list.map((p) => (p.id === profile.id ? profile : p))
      : [...state.list, profile];
    this.write({ ...state, list });
    return { ...profile, builtIn: false };
  }

  delete(id: string): void {
    if (id === LOCAL_SANDBOX_PROFILE_ID) {
      throw new OperatorFailure({
        code: 'profile_read_only',
        message: 'The built-in Local sandbox profile cannot be deleted.',
        retryable: false,
      });
    }
    const state = this.read();
    if (!state.list.some((p) => p.id === id)) {
      throw new OperatorFailure({
        code: 'profile_not_found',
        message: 'There is no such profile.',
        retryable: false,
      });
    }
    this.write({
      list: state.list.filter((p) => p.id !== id),
      activeProfileId: state.activeProfileId === id ? LOCAL_SANDBOX_PROFILE_ID : state.activeProfileId,
    });
  }

  /** Parsed once and kept: every backend call asks for the active profile. Only this class writes the key. */
  private cached: StoredProfiles | null = null;

  private read(): StoredProfiles {
    if (this.cached) return this.cached;
    const parsed = StoredProfiles.safeParse(this.store.get('profiles'));
    this.cached = parsed.success ? parsed.data : { list: [], activeProfileId: LOCAL_SANDBOX_PROFILE_ID };
    return this.cached;
  }

  private write(state: StoredProfiles): void {
    this.store.set('profiles', state);
    this.cached = state;
  }
}

import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SqlJsStatic } from 'sql.js';
import { OperatorFailure } from '../errors/normalize';
import type { WriteHooks } from './atomic-file';
import {
  type CacheKeySealer,
  type CacheKeys,
  KEY_FILE_NAME,
  type KeyProtection,
  loadOrCreateKey,
} from './key-store';
import { ProfileCache } from './profile-cache';
import { type CacheSettings, loadCacheSettings, saveCacheSettings, validExpiryDays } from './settings';
import { loadSqlJs } from './sqljs';
import type { DamageReport } from './types';

export type CacheOffReason = 'disabled' | 'no_keyring' | 'encryption_unavailable';

export interface CacheStatus {
  state: 'on' | 'off';
  reason: CacheOffReason | null;
  protection: KeyProtection;
  /** Shown beside the cache switch; null when there is nothing to warn about. */
  warning: string | null;
  settings: CacheSettings;
}

export interface OfflineCacheDeps {
  /** Directory of the cache (userData/offline-cache in the app). */
  root: string;
  sealer: CacheKeySealer;
  now(): Date;
  hooks?: WriteHooks;
  onDamaged?(report: DamageReport): void;
  sql?: SqlJsStatic;
}

export const WEAK_KEY_WARNING =
  'This computer has no OS keyring (Linux "basic_text"), so the key of the offline cache can only be obfuscated, not protected. ' +
  'Anyone who can read your user files could read the cached tenant data.';

const PROFILES_DIR = 'profiles';
const DAY_MS = 86_400_000;

/**
 * The offline cache of every connection profile. It decides whether caching
 * is allowed at all (OS key protection, operator settings), owns the data key,
 * and hands out one ProfileCache per profile.
 */
export class OfflineCache {
  private keysLoading: Promise<CacheKeys> | null = null;
  private readonly profiles = new Map<string, Promise<ProfileCache>>();

  private constructor(
    private readonly deps: OfflineCacheDeps,
    private current: CacheSettings,
    private readonly sql: SqlJsStatic,
  ) {}

  static async create(deps: OfflineCacheDeps): Promise<OfflineCache> {
    await mkdir(deps.root, { recursive: true, mode: 0o700 });
    const sql = deps.sql ?? (await loadSqlJs());
    return new OfflineCache(deps, await loadCacheSettings(deps.root), sql);
  }

  status(): CacheStatus {
    const protection = this.deps.sealer.protection();
    const settings = { ...this.current };
    const off = (reason: CacheOffReason, warning: string | null): CacheStatus => ({
      state: 'off',
      reason,
      protection,
      warning,
      settings,
    });
    if (protection === 'unavailable') {
      return off(
        'encryption_unavailable',
        'The OS offers no way to protect the cache key, so the offline cache is off.',
      );
    }
    if (!settings.enabled) return off('disabled', null);
    if (protection === 'weak' && !settings.allowWeakKeyProtection) {
      return off(
        'no_keyring',
        `${WEAK_KEY_WARNING} The offline cache stays off unless you turn it on anyway.`,
      );
    }
    return {
      state: 'on',
      reason: null,
      protection,
      warning: protection === 'weak' ? WEAK_KEY_WARNING : null,
      settings,
    };
  }

  settings(): CacheSettings {
    return { ...this.current };
  }

  async updateSettings(patch: Partial<CacheSettings>): Promise<CacheStatus> {
    if (patch.expiryDays !== undefined && !validExpiryDays(patch.expiryDays)) {
      throw new OperatorFailure({
        code: 'validation_failed',
        message: 'Expiry must be a whole number of days from 1 to 365.',
        fields: [{ field: 'expiryDays', message: 'must be 1–365 days' }],
        retryable: false,
      });
    }
    const wasOn = this.status().state === 'on';
    this.current = { ...this.current, ...patch };
    await saveCacheSettings(this.deps.root, this.current);
    // Turning the cache off means nothing stays at rest, not just that nothing new is written.
    if (wasOn && this.status().state === 'off') await this.wipeEverything();
    return this.status();
  }

  /** The cache of one profile, or null while the cache is off. */
  async profile(profileId: string): Promise<ProfileCache | null> {
    if (this.status().state !== 'on') return null;
    let pending = this.profiles.get(profileId);
    if (!pending) {
      pending = this.openProfile(profileId);
      this.profiles.set(profileId, pending);
      pending.catch(() => this.profiles.delete(profileId));
    }
    return pending;
  }

  private async openProfile(profileId: string): Promise<ProfileCache> {
    const keys = await this.loadKeys();
    const cache = await ProfileCache.open({
      dir: join(this.deps.root, PROFILES_DIR, keys.name('profile', profileId)),
      profileId,
      key: keys.encryptionKey(profileId),
      tenantFileName: (tenantId) => keys.name('tenant', profileId, tenantId),
      sql: this.sql,
      now: this.deps.now,
      ...(this.deps.hooks ? { hooks: this.deps.hooks } : {}),
      ...(this.deps.onDamaged ? { onDamaged: this.deps.onDamaged } : {}),
    });
    // Expired data is purged before anything can read it.
    await cache.purgeOlderThan(this.expiryCutoff());
    return cache;
  }

  private expiryCutoff(): Date {
    return new Date(this.deps.now().getTime() - this.current.expiryDays * DAY_MS);
  }

  private loadKeys(): Promise<CacheKeys> {
    // One load for everyone: profiles opened together must not each create a key.
    this.keysLoading ??= this.readOrResetKeys();
    this.keysLoading.catch(() => {
      this.keysLoading = null;
    });
    return this.keysLoading;
  }

  private async readOrResetKeys(): Promise<CacheKeys> {
    const loaded = await loadOrCreateKey(this.deps.root, this.deps.sealer);
    if (loaded.ok) return loaded.keys;
    // The key no longer unseals (new keyring, copied user profile): nothing on disk can be read.
    // No profile can be open without a key, so removing the files is all there is to do.
    await this.removeFiles();
    this.deps.onDamaged?.({ profileId: '*', tenantId: null, reason: 'key_unreadable', quarantinedAs: '' });
    const fresh = await loadOrCreateKey(this.deps.root, this.deps.sealer);
    if (!fresh.ok) throw new Error('a new cache key could not be sealed');
    return fresh.keys;
  }

  /** Removes a profile's cached data (profile deleted, or "purge all" for it). */
  async wipeProfile(profileId: string): Promise<void> {
    const pending = this.profiles.get(profileId);
    this.profiles.delete(profileId);
    if (pending) {
      await (await pending).destroy();
      return;
    }
    if (this.status().state !== 'on') return;
    const keys = await this.loadKeys();
    await rm(join(this.deps.root, PROFILES_DIR, keys.name('profile', profileId)), {
      recursive: true,
      force: true,
    });
  }

  /** Applies the expiry setting to every profile with cached data. */
  async sweepExpired(): Promise<{ profileId: string; tenantIds: string[] }[]> {
    const cutoff = this.expiryCutoff();
    const results: { profileId: string; tenantIds: string[] }[] = [];
    for (const [profileId, pending] of this.profiles) {
      const tenantIds = await (await pending).purgeOlderThan(cutoff);
      if (tenantIds.length) results.push({ profileId, tenantIds });
    }
    return results;
  }

  async flushAll(): Promise<void> {
    for (const pending of this.profiles.values()) await (await pending).flush();
  }

  async close(): Promise<void> {
    for (const pending of this.profiles.values()) await (await pending).close();
    this.profiles.clear();
  }

  private async wipeEverything(): Promise<void> {
    for (const pending of this.profiles.values()) {
      try {
        await (await pending).destroy();
      } catch {
        // removed below anyway
      }
    }
    this.profiles.clear();
    this.keysLoading = null;
    await this.removeFiles();
  }

  private async removeFiles(): Promise<void> {
    await rm(join(this.deps.root, PROFILES_DIR), { recursive: true, force: true });
    await rm(join(this.deps.root, KEY_FILE_NAME), { force: true });
  }

  /** Names of the profile directories on disk (opaque): for tests and the size report. */
  async profileDirs(): Promise<string[]> {
    try {
      return await readdir(join(this.deps.root, PROFILES_DIR));
    } catch {
      return [];
    }
  }
}

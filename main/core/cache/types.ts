import type { Page } from '../../../shared/api/schemas';

/** Every answer from the cache says how old it is and whether it is the whole picture. */
export interface CacheStamp {
  /** When this data was last read from the backend (ISO-8601 UTC). */
  asOf: string;
  /** True when the list holds everything the backend had at asOf (e.g. a pinned ledger). */
  complete: boolean;
}

export type CachedPage<T> = Page<T> & CacheStamp;
export type CachedItem<T> = { item: T } & CacheStamp;

/** A file that failed authentication (or could not be read as ours): quarantined, never shown. */
export interface DamageReport {
  profileId: string;
  /** Null when the index itself was damaged (it is then rebuilt from the tenant files). */
  tenantId: string | null;
  reason: string;
  quarantinedAs: string;
}

import type { Tenant } from '../../../shared/api/schemas';

/**
 * The per-profile index: which tenants are cached, with what, since when.
 * It is what Settings lists and what offline tenant search reads, so it is
 * kept small (no ledger rows) and can be rebuilt from the tenant files if it
 * is ever lost or damaged.
 */
export const INDEX_SCHEMA_VERSION = 1;

export interface IndexEntry {
  tenantId: string;
  /** Last tenant record read from the backend (from a list or a get). */
  tenant: Tenant | null;
  tenantAsOf: string | null;
  /** Opaque file name of the tenant's database, when one exists. */
  file: string | null;
  pinned: boolean;
  pinnedAt: string | null;
  /** Last time any of this tenant's data came from the backend; expiry counts from here. */
  lastRefreshAt: string | null;
  sizeBytes: number;
  transactions: number;
  ledgerComplete: boolean;
  /** Set when its file failed authentication and was quarantined: refetch before showing anything. */
  damagedAt: string | null;
  /** When each kind of data was last read from the backend (absent in indexes written before it existed). */
  asOf?: DatasetAsOf;
}

export type Dataset = 'tenant' | 'transactions' | 'workloads' | 'endpoints' | 'audit';
export type DatasetAsOf = Partial<Record<Dataset, string>>;

export interface IndexData {
  v: number;
  profileId: string;
  /** When a tenant list was last read online (tenant search offline is stamped with it). */
  tenantsAsOf: string | null;
  tenants: Record<string, IndexEntry>;
}

export function emptyIndex(profileId: string): IndexData {
  return { v: INDEX_SCHEMA_VERSION, profileId, tenantsAsOf: null, tenants: {} };
}

export function emptyEntry(tenantId: string): IndexEntry {
  return {
    tenantId,
    tenant: null,
    tenantAsOf: null,
    file: null,
    pinned: false,
    pinnedAt: null,
    lastRefreshAt: null,
    sizeBytes: 0,
    transactions: 0,
    ledgerComplete: false,
    damagedAt: null,
  };
}

/** Forward migrations of the index JSON; v1 is the first. */
export function migrateIndex(raw: unknown, profileId: string): IndexData | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const data = raw as Partial<IndexData>;
  if (data.profileId !== profileId || typeof data.tenants !== 'object' || data.tenants === null) return null;
  if (data.v === INDEX_SCHEMA_VERSION) return data as IndexData;
  return null;
}

import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import type { AuditEntry, Endpoint, Page, Tenant, Transaction, Workload } from '../../../shared/api/schemas';
import { OperatorFailure } from '../errors/normalize';
import { removeStaleTempFiles, type WriteHooks, writeFileAtomic } from './atomic-file';
import { decodeCacheCursor, encodeCacheCursor } from './cursor';
import { DamagedFileError, FileKind, open, peekHeader, seal } from './envelope';
import {
  type DatasetAsOf as AsOf,
  type Dataset,
  emptyEntry,
  emptyIndex,
  INDEX_SCHEMA_VERSION,
  type IndexData,
  type IndexEntry,
  migrateIndex,
} from './index-file';
import { createSchema, migrate, TENANT_SCHEMA_VERSION } from './schema';
import {
  type AuditFilter,
  type EndpointFilter,
  type LedgerCoverage,
  TenantDb,
  type TransactionFilter,
  type WorkloadFilter,
} from './tenant-db';
import type { CachedItem, CachedPage, DamageReport } from './types';

export const FILE_EXTENSION = '.mmc';
const INDEX_FILE = `index${FILE_EXTENSION}`;
const INDEX_AAD_NAME = 'index';
const QUARANTINE_DIR = 'quarantine';

export interface ProfileCacheDeps {
  dir: string;
  profileId: string;
  key: Buffer;
  /** Opaque file name (no extension) of a tenant's database. */
  tenantFileName(tenantId: string): string;
  sql: SqlJsStatic;
  now(): Date;
  hooks?: WriteHooks;
  onDamaged?(report: DamageReport): void;
  /** Tenant databases kept decrypted in memory at once (the rest are re-read on demand). */
  maxOpen?: number;
}

interface TenantFilter {
  q?: string | undefined;
  status?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

function notCached(what: string): OperatorFailure {
  return new OperatorFailure({
    code: 'not_cached',
    message: `${what} is not in the offline cache for this profile. Pin the tenant while online to read it offline.`,
    retryable: false,
  });
}

/**
 * One connection profile's cache: an encrypted index plus one encrypted
 * sql.js database per tenant. Reads and writes are in memory; `flush` seals
 * and atomically writes whatever changed.
 */
export class ProfileCache {
  private index: IndexData;
  private readonly open = new Map<string, TenantDb>();
  private readonly dirty = new Set<string>();
  /** Tenants whose sealed bytes are being written: until the rename, their file on disk is older than memory. */
  private readonly saving = new Set<string>();
  /** Callers using a tenant's database right now (count per tenant): eviction never closes one under them. */
  private readonly leases = new Map<string, number>();
  private indexDirty = false;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly deps: ProfileCacheDeps,
    index: IndexData,
  ) {
    this.index = index;
  }

  static async open(deps: ProfileCacheDeps): Promise<ProfileCache> {
    await mkdir(deps.dir, { recursive: true, mode: 0o700 });
    await removeStaleTempFiles(deps.dir);
    const cache = new ProfileCache(deps, emptyIndex(deps.profileId));
    await cache.loadIndex();
    return cache;
  }

  get profileId(): string {
    return this.deps.profileId;
  }

  private nowIso(): string {
    return this.deps.now().toISOString();
  }

  // ------------------------------------------------------------ files

  private async loadIndex(): Promise<void> {
    const path = join(this.deps.dir, INDEX_FILE);
    let bytes: Buffer | null = null;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (bytes) {
      try {
        const { plaintext } = open(this.deps.key, INDEX_AAD_NAME, FileKind.index, bytes);
        const index = migrateIndex(JSON.parse(plaintext.toString('utf8')), this.deps.profileId);
        if (index) {
          this.index = index;
          return;
        }
        await this.quarantine(INDEX_FILE, null, 'unknown_index_schema');
      } catch (error) {
        await this.quarantine(
          INDEX_FILE,
          null,
          error instanceof DamagedFileError ? error.reason : 'unreadable',
        );
      }
    }
    await this.rebuildIndex();
  }

  /** The index is a summary: when it is missing or damaged, every tenant file still says what it holds. */
  private async rebuildIndex(): Promise<void> {
    this.index = emptyIndex(this.deps.profileId);
    const names = (await readdir(this.deps.dir)).filter(
      (n) => n.endsWith(FILE_EXTENSION) && n !== INDEX_FILE,
    );
    for (const name of names) {
      const base = name.slice(0, -FILE_EXTENSION.length);
      const db = await this.readTenantFile(base, null);
      if (!db) continue;
      const entry = emptyEntry(db.tenantId);
      this.summarise(entry, db, base);
      this.index.tenants[db.tenantId] = entry;
      db.db.close();
    }
    if (names.length > 0) this.indexDirty = true;
  }

  /** Decrypts and opens one tenant file; null (after quarantining it) when it is not trustworthy. */
  private async readTenantFile(base: string, expectedTenant: string | null): Promise<TenantDb | null> {
    const fileName = `${base}${FILE_EXTENSION}`;
    let bytes: Buffer;
    try {
      bytes = await readFile(join(this.deps.dir, fileName));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    let db: Database;
    try {
      if (peekHeader(bytes).schemaVersion > TENANT_SCHEMA_VERSION) {
        await this.quarantine(fileName, expectedTenant, 'newer_schema');
        return null;
      }
      const { plaintext } = open(this.deps.key, base, FileKind.tenant, bytes);
      db = new this.deps.sql.Database(plaintext);
    } catch (error) {
      await this.quarantine(
        fileName,
        expectedTenant,
        error instanceof DamagedFileError ? error.reason : 'unreadable',
      );
      return null;
    }
    try {
      const tenantId = new TenantDb(db, '').getMeta('tenant_id');
      // The name is an HMAC of the tenant id: a file whose content names another tenant was moved, not written by us.
      if (
        !tenantId ||
        this.deps.tenantFileName(tenantId) !== base ||
        (expectedTenant && tenantId !== expectedTenant)
      ) {
        db.close();
        await this.quarantine(fileName, expectedTenant, 'misplaced');
        return null;
      }
      const migrated = migrate(db);
      const tenantDb = new TenantDb(db, tenantId);
      if (migrated.length > 0) this.dirty.add(tenantId);
      return tenantDb;
    } catch {
      db.close();
      await this.quarantine(fileName, expectedTenant, 'unreadable');
      return null;
    }
  }

  private async quarantine(fileName: string, tenantId: string | null, reason: string): Promise<void> {
    const qdir = join(this.deps.dir, QUARANTINE_DIR);
    await mkdir(qdir, { recursive: true, mode: 0o700 });
    const stamp = this.nowIso().replace(/[:.]/g, '-');
    const target = `${fileName}.${stamp}.${reason}`;
    try {
      await rename(join(this.deps.dir, fileName), join(qdir, target));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (tenantId) {
      const entry = this.index.tenants[tenantId];
      if (entry) {
        entry.file = null;
        entry.damagedAt = this.nowIso();
        entry.sizeBytes = 0;
        entry.transactions = 0;
        entry.ledgerComplete = false;
        this.indexDirty = true;
      }
    }
    this.deps.onDamaged?.({ profileId: this.deps.profileId, tenantId, reason, quarantinedAs: target });
  }

  private summarise(entry: IndexEntry, db: TenantDb, base: string): void {
    const pin = JSON.parse(db.getMeta('pin') ?? '{"pinned":false,"pinnedAt":null}') as {
      pinned: boolean;
      pinnedAt: string | null;
    };
    const asOf = this.asOfOf(db);
    entry.file = base;
    entry.tenant = db.tenant() ?? entry.tenant;
    entry.tenantAsOf = asOf.tenant ?? entry.tenantAsOf;
    entry.pinned = pin.pinned;
    entry.pinnedAt = pin.pinnedAt;
    entry.lastRefreshAt = db.getMeta('last_refresh_at') ?? entry.lastRefreshAt;
    entry.transactions = db.transactionCount();
    entry.ledgerComplete = db.coverage().complete;
    entry.damagedAt = null;
    entry.asOf = asOf;
  }

  private asOfOf(db: TenantDb): AsOf {
    return JSON.parse(db.getMeta('as_of') ?? '{}') as AsOf;
  }

  /**
   * Runs `use` on the tenant's database, opened from disk or (with `create`) made empty; null when
   * there is none. The database is handed to a callback, not returned: it is leased from before it is
   * opened until `use` returns, because an eviction running concurrently (resumed after awaiting a
   * flush) could otherwise close it between being returned and being used. Over-limit databases are
   * evicted once the lease is given back.
   */
  async withDb<T>(tenantId: string, create: boolean, use: (db: TenantDb) => T): Promise<T | null> {
    this.leases.set(tenantId, (this.leases.get(tenantId) ?? 0) + 1);
    let result: T | null;
    try {
      const db = await this.openDb(tenantId, create);
      result = db ? use(db) : null;
    } finally {
      const left = (this.leases.get(tenantId) ?? 1) - 1;
      if (left > 0) this.leases.set(tenantId, left);
      else this.leases.delete(tenantId);
    }
    await this.evictOverflow();
    return result;
  }

  private async openDb(tenantId: string, create: boolean): Promise<TenantDb | null> {
    const cached = this.open.get(tenantId);
    if (cached) {
      this.open.delete(tenantId);
      this.open.set(tenantId, cached); // most recently used last
      return cached;
    }
    const base = this.deps.tenantFileName(tenantId);
    let db = await this.readTenantFile(base, tenantId);
    if (!db && create) {
      const raw = new this.deps.sql.Database();
      createSchema(raw);
      db = new TenantDb(raw, tenantId);
      db.setMeta({ tenant_id: tenantId });
      this.dirty.add(tenantId);
    }
    if (!db) return null;
    // Another caller may have opened it while we awaited the file.
    const raced = this.open.get(tenantId);
    if (raced) {
      db.db.close();
      return raced;
    }
    this.open.set(tenantId, db);
    return db;
  }

  private async evictOverflow(): Promise<void> {
    const max = this.deps.maxOpen ?? 4;
    while (this.open.size > max) {
      // Least recently used first, skipping leased ones (whoever gives the lease back evicts again).
      const lru = [...this.open.keys()].find((tenantId) => !this.leases.has(tenantId));
      if (lru === undefined) return;
      // Unsaved changes are written first, and a write already in flight is waited for (a flush queues
      // behind it): persistTenant clears `dirty` before its write lands, and a database dropped then
      // would be reopened from the older file (or recreated empty), and its next save would overwrite
      // the rows of the write in flight. The flush is awaited, so everything is looked at again after it.
      if (this.dirty.has(lru) || this.saving.has(lru)) {
        await this.flush();
        continue;
      }
      this.open.get(lru)?.db.close();
      this.open.delete(lru);
    }
  }

  private entry(tenantId: string): IndexEntry {
    let entry = this.index.tenants[tenantId];
    if (!entry) {
      entry = emptyEntry(tenantId);
      this.index.tenants[tenantId] = entry;
    }
    return entry;
  }

  /** Seals and writes everything that changed, one file at a time, each atomically. */
  flush(): Promise<void> {
    const run = async () => {
      for (const tenantId of [...this.dirty]) await this.persistTenant(tenantId);
      if (this.indexDirty) await this.persistIndex();
    };
    this.writing = this.writing.then(run, run);
    return this.writing;
  }

  private async persistTenant(tenantId: string): Promise<void> {
    const db = this.open.get(tenantId);
    this.dirty.delete(tenantId);
    if (!db) return;
    const base = this.deps.tenantFileName(tenantId);
    const sealed = seal(
      this.deps.key,
      base,
      { kind: FileKind.tenant, schemaVersion: TENANT_SCHEMA_VERSION },
      db.db.export(),
    );
    // Counted now, from exactly what is being written: the database may be closed (evicted) by the
    // time the write ends. Other fields (pin, as-of, tenant) are kept current by the record methods.
    const written = {
      file: base,
      sizeBytes: sealed.length,
      transactions: db.transactionCount(),
      ledgerComplete: db.coverage().complete,
      damagedAt: null,
    };
    this.saving.add(tenantId);
    try {
      await writeFileAtomic(join(this.deps.dir, `${base}${FILE_EXTENSION}`), sealed, this.deps.hooks);
    } catch (error) {
      this.dirty.add(tenantId); // still only in memory: try again on the next flush
      throw error;
    } finally {
      this.saving.delete(tenantId);
    }
    // A purge while the file was being written wins: do not bring the entry back.
    if (!this.index.tenants[tenantId]) return;
    Object.assign(this.entry(tenantId), written);
    this.indexDirty = true;
  }

  private async persistIndex(): Promise<void> {
    this.indexDirty = false;
    const sealed = seal(
      this.deps.key,
      INDEX_AAD_NAME,
      { kind: FileKind.index, schemaVersion: INDEX_SCHEMA_VERSION },
      Buffer.from(JSON.stringify(this.index), 'utf8'),
    );
    try {
      await writeFileAtomic(join(this.deps.dir, INDEX_FILE), sealed, this.deps.hooks);
    } catch (error) {
      this.indexDirty = true;
      throw error;
    }
  }

  /** Drops everything from memory (after flushing): used before wiping or when the app quits. */
  async close(): Promise<void> {
    await this.flush();
    for (const db of this.open.values()) db.db.close();
    this.open.clear();
  }

  // ------------------------------------------------------------ recording what was read online

  private touch(tenantId: string, db: TenantDb, datasets: Dataset[]): void {
    const now = this.nowIso();
    const asOf = this.asOfOf(db);
    for (const d of datasets) asOf[d] = now;
    db.setMeta({ as_of: JSON.stringify(asOf), last_refresh_at: now });
    this.dirty.add(tenantId);
    const entry = this.entry(tenantId);
    entry.lastRefreshAt = now;
    entry.damagedAt = null;
    entry.asOf = asOf;
    this.indexDirty = true;
  }

  /** Tenants from a list read online: kept in the index for offline tenant search. */
  recordTenantList(tenants: readonly Tenant[]): void {
    const now = this.nowIso();
    for (const tenant of tenants) {
      const entry = this.entry(tenant.id);
      entry.tenant = tenant;
      entry.tenantAsOf = now;
      entry.lastRefreshAt ??= now;
    }
    this.index.tenantsAsOf = now;
    this.indexDirty = true;
  }

  async recordTenant(tenant: Tenant): Promise<void> {
    await this.requireDb(tenant.id, (db) => {
      db.putTenant(tenant);
      this.touch(tenant.id, db, ['tenant']);
    });
    const entry = this.entry(tenant.id);
    entry.tenant = tenant;
    entry.tenantAsOf = this.nowIso();
  }

  /** An unfiltered page of the ledger (from the top, or continuing with a cursor). */
  async recordLedgerPage(
    tenantId: string,
    page: Page<Transaction>,
    fromTop: boolean,
  ): Promise<LedgerCoverage> {
    return this.requireDb(tenantId, (db) => {
      const coverage = db.recordLedgerPage(page.data, page.next_cursor, fromTop);
      this.touch(tenantId, db, ['transactions']);
      return coverage;
    });
  }

  /** A filtered page: its rows are cached, but it says nothing about what is missing. */
  async recordTransactions(tenantId: string, rows: readonly Transaction[]): Promise<void> {
    if (rows.length === 0) return;
    await this.requireDb(tenantId, (db) => {
      db.putTransactions(rows);
      this.touch(tenantId, db, ['transactions']);
    });
  }

  async recordWorkloads(tenantId: string, rows: readonly Workload[]): Promise<void> {
    await this.requireDb(tenantId, (db) => {
      db.putWorkloads(rows);
      this.touch(tenantId, db, ['workloads']);
    });
  }

  async recordEndpoints(tenantId: string, rows: readonly Endpoint[]): Promise<void> {
    await this.requireDb(tenantId, (db) => {
      db.putEndpoints(rows);
      this.touch(tenantId, db, ['endpoints']);
    });
  }

  async recordAudit(tenantId: string, rows: readonly AuditEntry[]): Promise<void> {
    await this.requireDb(tenantId, (db) => {
      db.putAudit(rows);
      this.touch(tenantId, db, ['audit']);
    });
  }

  async setPinned(tenantId: string, pinned: boolean): Promise<void> {
    const pinnedAt = await this.requireDb(tenantId, (db) => {
      const at = pinned ? (this.entry(tenantId).pinnedAt ?? this.nowIso()) : null;
      db.setMeta({ pin: JSON.stringify({ pinned, pinnedAt: at }) });
      return at;
    });
    const entry = this.entry(tenantId);
    entry.pinned = pinned;
    entry.pinnedAt = pinnedAt;
    this.dirty.add(tenantId);
    this.indexDirty = true;
  }

  /**
   * Rewrites a tenant's database compactly. The ledger arrives newest first,
   * and descending inserts leave B-tree pages half full: after a full pin the
   * file is about twice its compact size, and every offline open decrypts
   * all of it. Worth its cost after a large download, not after every page.
   */
  async compact(tenantId: string): Promise<void> {
    await this.withDb(tenantId, false, (db) => {
      db.db.exec('VACUUM');
      this.dirty.add(tenantId);
    });
  }

  async coverage(tenantId: string): Promise<LedgerCoverage | null> {
    return this.withDb(tenantId, false, (db) => db.coverage());
  }

  /** `withDb` with `create`: the callback always runs. */
  private async requireDb<T>(tenantId: string, use: (db: TenantDb) => T): Promise<T> {
    let ran = false;
    const result = await this.withDb(tenantId, true, (db) => {
      ran = true;
      return use(db);
    });
    if (!ran) throw new Error('tenant database could not be created');
    return result as T;
  }

  // ------------------------------------------------------------ offline reads (same shapes as online)

  tenants(filter: TenantFilter): CachedPage<Tenant> {
    const limit = filter.limit ?? 50;
    const q = filter.q?.toLowerCase();
    const after = decodeCacheCursor('tn', filter.cursor, 2);
    const all = Object.values(this.index.tenants)
      .filter((e): e is IndexEntry & { tenant: Tenant } => e.tenant !== null)
      .map((e) => e.tenant)
      .filter((t) => !filter.status || t.status === filter.status)
      .filter((t) => !q || t.name.toLowerCase().includes(q) || t.id.toLowerCase().includes(q))
      .sort((a, b) => (a.name === b.name ? cmp(a.id, b.id) : cmp(a.name, b.name)))
      .filter(
        (t) =>
          !after ||
          cmp(t.name, String(after[0])) > 0 ||
          (t.name === after[0] && cmp(t.id, String(after[1])) > 0),
      );
    const kept = all.slice(0, limit);
    const last = kept[kept.length - 1];
    const stamps = Object.values(this.index.tenants)
      .map((e) => e.tenantAsOf)
      .filter((s): s is string => s !== null)
      .sort();
    return {
      data: kept,
      next_cursor: all.length > limit && last ? encodeCacheCursor('tn', [last.name, last.id]) : null,
      // The oldest record shown bounds how stale the list can be.
      asOf: stamps[0] ?? this.index.tenantsAsOf ?? this.nowIso(),
      complete: false,
    };
  }

  async tenant(tenantId: string): Promise<CachedItem<Tenant>> {
    const entry = this.index.tenants[tenantId];
    if (!entry?.tenant || !entry.tenantAsOf || entry.damagedAt) throw notCached('This tenant');
    return { item: entry.tenant, asOf: entry.tenantAsOf, complete: true };
  }

  /** Reads one dataset of a tenant, or fails with not_cached when it was never read online. */
  private async readable<T>(
    tenantId: string,
    dataset: Dataset,
    what: string,
    read: (db: TenantDb, asOf: string) => T,
  ): Promise<T> {
    const found = await this.withDb(tenantId, false, (db) => {
      const asOf = this.asOfOf(db)[dataset];
      return asOf ? { value: read(db, asOf) } : null;
    });
    if (!found) throw notCached(what);
    return found.value;
  }

  async transactions(tenantId: string, filter: TransactionFilter): Promise<CachedPage<Transaction>> {
    return this.readable(tenantId, 'transactions', "This tenant's wallet history", (db, asOf) => ({
      ...db.transactions(filter),
      asOf,
      complete: db.coverage().complete,
    }));
  }

  async workloads(tenantId: string, filter: WorkloadFilter): Promise<CachedPage<Workload>> {
    return this.readable(tenantId, 'workloads', "This tenant's workloads", (db, asOf) => ({
      ...db.workloads(filter),
      asOf,
      complete: this.entry(tenantId).pinned,
    }));
  }

  async endpoints(tenantId: string, filter: EndpointFilter): Promise<CachedPage<Endpoint>> {
    return this.readable(tenantId, 'endpoints', "This tenant's endpoints", (db, asOf) => ({
      ...db.endpoints(filter),
      asOf,
      complete: this.entry(tenantId).pinned,
    }));
  }

  async audit(tenantId: string, filter: AuditFilter): Promise<CachedPage<AuditEntry>> {
    return this.readable(tenantId, 'audit', "This tenant's audit log", (db, asOf) => ({
      ...db.audit(filter),
      asOf,
      complete: this.entry(tenantId).pinned,
    }));
  }

  /** Finds a workload or endpoint by id among the tenants cached for this profile. */
  async workload(workloadId: string): Promise<CachedItem<Workload>> {
    for (const tenantId of this.tenantIdsWithFiles()) {
      const found = await this.withDb(tenantId, false, (db) => {
        const item = db.workload(workloadId);
        const asOf = this.asOfOf(db).workloads;
        return item && asOf ? { item, asOf, complete: true } : null;
      });
      if (found) return found;
    }
    throw notCached('This workload');
  }

  async endpoint(endpointId: string): Promise<CachedItem<Endpoint>> {
    for (const tenantId of this.tenantIdsWithFiles()) {
      const found = await this.withDb(tenantId, false, (db) => {
        const item = db.endpoint(endpointId);
        const asOf = this.asOfOf(db).endpoints;
        return item && asOf ? { item, asOf, complete: true } : null;
      });
      if (found) return found;
    }
    throw notCached('This endpoint');
  }

  private tenantIdsWithFiles(): string[] {
    // Open ones first: the likely owner is the tenant on screen.
    const ids = Object.values(this.index.tenants)
      .filter((e) => e.file !== null || this.open.has(e.tenantId))
      .map((e) => e.tenantId);
    return [...new Set([...this.open.keys(), ...ids])];
  }

  // ------------------------------------------------------------ management

  /**
   * Sorted as Settings shows them (name, else id): the index's own key order is the order in which
   * tenants were first recorded, which concurrent reads and writes make depend on I/O timing.
   */
  list(): IndexEntry[] {
    const label = (e: IndexEntry) => e.tenant?.name ?? e.tenantId;
    return Object.values(this.index.tenants)
      .map((e) => ({ ...e }))
      .sort((a, b) => cmp(label(a), label(b)) || cmp(a.tenantId, b.tenantId));
  }

  /** Whether this tenant already has a database here (read per tenant before, or pinned). */
  hasTenantData(tenantId: string): boolean {
    return this.open.has(tenantId) || (this.index.tenants[tenantId]?.file ?? null) !== null;
  }

  entryOf(tenantId: string): IndexEntry | null {
    const e = this.index.tenants[tenantId];
    return e ? { ...e } : null;
  }

  totalBytes(): number {
    return Object.values(this.index.tenants).reduce((sum, e) => sum + e.sizeBytes, 0);
  }

  async purgeTenant(tenantId: string): Promise<void> {
    await this.writing.catch(() => undefined);
    this.open.get(tenantId)?.db.close();
    this.open.delete(tenantId);
    this.dirty.delete(tenantId);
    await rm(join(this.deps.dir, `${this.deps.tenantFileName(tenantId)}${FILE_EXTENSION}`), { force: true });
    delete this.index.tenants[tenantId];
    this.indexDirty = true;
    await this.flush();
  }

  /** Purges every tenant whose data was last refreshed before `cutoff`; returns their ids. */
  async purgeOlderThan(cutoff: Date): Promise<string[]> {
    const limit = cutoff.toISOString();
    const stale = Object.values(this.index.tenants)
      .filter((e) => (e.lastRefreshAt ?? e.tenantAsOf ?? '') < limit)
      .map((e) => e.tenantId);
    for (const tenantId of stale) await this.purgeTenant(tenantId);
    return stale;
  }

  /** Closes everything and removes the profile's directory, quarantine included. */
  async destroy(): Promise<void> {
    await this.writing.catch(() => undefined);
    for (const db of this.open.values()) db.db.close();
    this.open.clear();
    this.dirty.clear();
    this.indexDirty = false;
    this.index = emptyIndex(this.deps.profileId);
    await rm(this.deps.dir, { recursive: true, force: true });
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

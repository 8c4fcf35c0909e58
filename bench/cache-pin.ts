/**
 * Offline cache benchmark (issue 6), against a real sandbox process seeded `large`:
 *   npx tsx bench/cache-pin.ts
 *
 * 1. Pin the 100,000-transaction tenant (every page, 500 per request): time and size on disk.
 * 2. Open its wallet from the cache, cold (a new cache object reading the encrypted file): time to first rows.
 * 3. Apply a type filter over all cached rows.
 * Printed beside JSON.parse of the same rows in the same run. Nothing is asserted: numbers vary by machine.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CacheKeySealer } from '../main/core/cache/key-store';
import { OfflineCache } from '../main/core/cache/offline-cache';
import { loadSqlJs } from '../main/core/cache/sqljs';
import { type PinSource, pinTenant } from '../main/core/offline/pin-service';
import type {
  AuditEntry,
  Endpoint,
  Page,
  Tenant,
  TenantPage,
  Transaction,
  Workload,
} from '../shared/api/schemas';
import { spawnSandbox } from '../test/sandbox/support/spawn-sandbox';

/** safeStorage needs Electron; outside it the data key is "sealed" by a stand-in (the cost is the same: once per start). */
const benchSealer: CacheKeySealer = {
  protection: () => 'os',
  seal: (plain) => Buffer.from(plain, 'utf8'),
  unseal: (sealed) => sealed.toString('utf8'),
};

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? await dirBytes(p) : (await stat(p)).size;
  }
  return total;
}

async function main(): Promise<void> {
  console.log(
    `cpus: ${os.cpus().length} (${os.cpus()[0]?.model ?? '?'}), node ${process.version}, ${process.platform}`,
  );
  const t0 = performance.now();
  const sandbox = await spawnSandbox({
    seed: 'large',
    clock: 'manual',
    validateResponses: false,
    readyTimeoutMs: 120_000,
  });
  console.log(`sandbox (seed large) ready in ${ms(performance.now() - t0)} at ${sandbox.url}`);
  const root = await mkdtemp(join(tmpdir(), 'mmo-cache-bench-'));
  try {
    const headers = { authorization: `Bearer ${sandbox.adminToken}` };
    const rawLedgerPages: string[] = [];
    const get = async <T>(path: string, signal?: AbortSignal, keep?: string[]): Promise<T> => {
      const response = await fetch(`${sandbox.url}${path}`, { headers, ...(signal ? { signal } : {}) });
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      const text = await response.text();
      keep?.push(text);
      return JSON.parse(text) as T;
    };
    const q = (cursor: string | null, extra = '') =>
      `?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}${extra}`;
    const tenants = await get<TenantPage>('/v1/tenants?q=Massive&limit=5');
    const big = tenants.data[0];
    if (!big) throw new Error('large tenant not found');
    console.log(`tenant: ${big.wallet.version} transactions`);

    const source: PinSource = {
      getTenant: (id, signal) => get<Tenant>(`/v1/tenants/${id}`, signal),
      listTransactions: (id, cursor, signal) =>
        get<Page<Transaction>>(`/v1/tenants/${id}/transactions${q(cursor)}`, signal, rawLedgerPages),
      listWorkloads: (id, cursor, signal) =>
        get<Page<Workload>>(`/v1/tenants/${id}/workloads${q(cursor)}`, signal),
      listEndpoints: (id, cursor, signal) =>
        get<Page<Endpoint>>(`/v1/tenants/${id}/endpoints${q(cursor)}`, signal),
      listAudit: (id, cursor, signal) =>
        get<Page<AuditEntry>>(`/v1/admin/audit${q(cursor, `&tenant_id=${id}`)}`, signal),
    };

    const w0 = performance.now();
    await loadSqlJs();
    const wasmMs = performance.now() - w0;

    // ---------------------------------------------------------------- 1. pin
    const cache = await OfflineCache.create({ root, sealer: benchSealer, now: () => new Date() });
    const profile = await cache.profile('bench');
    if (!profile) throw new Error('cache off');
    const p0 = performance.now();
    const result = await pinTenant(profile, source, big.id);
    const pinMs = performance.now() - p0;
    await cache.close();
    const onDisk = await dirBytes(root);
    console.log(
      `pin: ${result.transactionsCached} transactions in ${result.pages} requests, ${ms(pinMs)}; ` +
        `cache on disk ${(onDisk / 1e6).toFixed(1)} MB (tenant file ${(result.sizeBytes / 1e6).toFixed(1)} MB)`,
    );
    const r0 = performance.now();
    const refresh = await (async () => {
      const c = await OfflineCache.create({ root, sealer: benchSealer, now: () => new Date() });
      const p = await c.profile('bench');
      if (!p) throw new Error('cache off');
      const r = await pinTenant(p, source, big.id);
      await c.close();
      return r;
    })();
    console.log(
      `refresh with nothing new: ${refresh.transactionsFetched} rows fetched, ${ms(performance.now() - r0)}`,
    );

    // ---------------------------------------------------------------- 2. open the wallet offline, cold
    const firstRows: number[] = [];
    const typeFirstPage: number[] = [];
    const typeCountAll: number[] = [];
    const typeAllRows: number[] = [];
    let matched = 0;
    for (let run = 0; run < 5; run++) {
      const o0 = performance.now();
      const offline = await OfflineCache.create({ root, sealer: benchSealer, now: () => new Date() });
      const p = await offline.profile('bench');
      if (!p) throw new Error('cache off');
      const page = await p.transactions(big.id, { limit: 50 });
      firstRows.push(performance.now() - o0);
      if (page.data.length !== 50) throw new Error('no rows');

      // ---------------------------------------------------------------- 3. type filter over all cached rows
      const f0 = performance.now();
      const filtered = await p.transactions(big.id, { type: 'top_up', limit: 50 });
      typeFirstPage.push(performance.now() - f0);
      if (filtered.data.some((t) => t.type !== 'top_up')) throw new Error('filter broken');

      let countMs = 0;
      const count = await p.withDb(big.id, false, (db) => {
        const c0 = performance.now();
        const value = db.db.exec("SELECT count(*) FROM transactions WHERE type = 'top_up'")[0]
          ?.values[0]?.[0];
        countMs = performance.now() - c0;
        return value;
      });
      typeCountAll.push(countMs);
      matched = Number(count);

      const a0 = performance.now();
      let rows = 0;
      let cursor: string | undefined;
      do {
        const pg = await p.transactions(big.id, {
          type: 'endpoint_usage',
          limit: 500,
          ...(cursor ? { cursor } : {}),
        });
        rows += pg.data.length;
        cursor = pg.next_cursor ?? undefined;
      } while (cursor);
      typeAllRows.push(performance.now() - a0);
      if (run === 0) console.log(`(endpoint_usage rows materialised: ${rows})`);
      await offline.close();
    }

    // ---------------------------------------------------------------- baseline: JSON.parse of the same rows
    const allText = `[${rawLedgerPages
      .map((t) => JSON.stringify((JSON.parse(t) as Page<Transaction>).data).slice(1, -1))
      .filter(Boolean)
      .join(',')}]`;
    const parse: number[] = [];
    const parseFilter: number[] = [];
    for (let run = 0; run < 5; run++) {
      const j0 = performance.now();
      const rows = JSON.parse(allText) as Transaction[];
      parse.push(performance.now() - j0);
      const j1 = performance.now();
      rows.filter((t) => t.type === 'top_up');
      parseFilter.push(performance.now() - j1);
    }

    console.log('');
    console.log(`sql.js WebAssembly compile (once per app start): ${ms(wasmMs)}`);
    console.log(
      `offline wallet, cold open → first 50 rows (decrypt + load + query), median of 5: ${ms(median(firstRows))}  [target < 300 ms]`,
    );
    console.log(
      `type filter, first page of matches (what the view shows), median: ${ms(median(typeFirstPage))}  [target < 100 ms]`,
    );
    console.log(
      `type filter, count of matches over all ${result.transactionsCached} rows (${matched}), median: ${ms(median(typeCountAll))}`,
    );
    console.log(
      `type filter, every matching row materialised as objects (99.8k rows, 500 per page), median: ${ms(median(typeAllRows))}`,
    );
    console.log(
      `baseline: JSON.parse of the same ${result.transactionsCached} rows (${(allText.length / 1e6).toFixed(1)} MB), median: ${ms(median(parse))}`,
    );
    console.log(`baseline: Array.filter by type over the parsed rows, median: ${ms(median(parseFilter))}`);
  } finally {
    await sandbox.stop();
    await rm(root, { recursive: true, force: true });
  }
}

await main();

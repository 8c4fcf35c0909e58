import type { Db, StatementCache } from '../store/db';
import { seedDemo } from './demo';
import { seedLarge } from './large';

export const seedNames = ['empty', 'demo', 'large'] as const;
export type SeedName = (typeof seedNames)[number];

export function isSeedName(value: string): value is SeedName {
  return (seedNames as readonly string[]).includes(value);
}

/**
 * Fills a brand-new database, in one SQLite transaction so a crash mid-seed
 * leaves nothing half-written. Seeds write through the same domain functions
 * and triggers as requests do, so every ledger invariant holds from the start.
 */
export function applySeed(db: Db, sql: StatementCache, seed: SeedName, now: number): void {
  db.transaction(() => {
    if (seed === 'demo' || seed === 'large') seedDemo(sql, now);
    if (seed === 'large') seedLarge(sql, now);
  })();
}

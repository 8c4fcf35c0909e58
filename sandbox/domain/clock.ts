import { type Db, getMeta, setMeta } from '../store/db';

export type ClockMode = 'real' | 'manual';

/**
 * The sandbox clock. Every timestamp the sandbox writes and every rule that
 * depends on time (workload progress, metering windows, grace expiry, the
 * replenishment month, idempotency expiry) reads it, never Date.now().
 *
 * - real: wall time plus a persisted offset (POST /sandbox/clock moves it forward).
 * - manual: frozen at a persisted instant; only POST /sandbox/clock moves it.
 *
 * It never goes backwards, so ledger windows stay back to back and
 * created_at never decreases along seq.
 */
export class SandboxClock {
  private lastRead = 0;

  constructor(
    private readonly db: Db,
    readonly mode: ClockMode,
    startAt: number | null,
    private readonly wallNow: () => number = Date.now,
  ) {
    if (mode === 'manual') {
      const stored = getMeta(db, 'clock.manual_now');
      if (stored === null || startAt !== null) {
        const initial = startAt ?? Math.floor(wallNow() / 1000) * 1000;
        setMeta(db, 'clock.manual_now', String(Math.max(initial, Number(stored ?? 0))));
      }
    }
    this.lastRead = Number(getMeta(db, 'clock.high_water') ?? 0);
  }

  /** Current instant in epoch ms. */
  now(): number {
    const raw =
      this.mode === 'manual'
        ? Number(getMeta(this.db, 'clock.manual_now'))
        : this.wallNow() + Number(getMeta(this.db, 'clock.offset_ms') ?? 0);
    this.lastRead = Math.max(this.lastRead, raw);
    return this.lastRead;
  }

  /** Moves the clock forward; never backwards. Returns the new instant. */
  advance(ms: number): number {
    if (ms < 0) throw new RangeError('the sandbox clock never goes backwards');
    const next = this.now() + ms;
    if (this.mode === 'manual') setMeta(this.db, 'clock.manual_now', String(next));
    else setMeta(this.db, 'clock.offset_ms', String(Number(getMeta(this.db, 'clock.offset_ms') ?? 0) + ms));
    this.lastRead = next;
    setMeta(this.db, 'clock.high_water', String(next));
    return next;
  }

  setTo(at: number): number {
    return this.advance(Math.max(0, at - this.now()));
  }
}

export function iso(ms: number | bigint): string {
  return new Date(Number(ms)).toISOString();
}

/** Calendar month (UTC) of an instant, as YYYY-MM. */
export function periodOf(ms: number): string {
  return iso(ms).slice(0, 7);
}

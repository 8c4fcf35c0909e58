import type { Timers } from '../../../../main/core/offline/timers';

interface Pending {
  id: number;
  at: number;
  run: () => void;
}

/** Timers driven by the test: `advance` runs what falls due, letting promises settle in between. */
export class FakeTimers implements Timers {
  private seq = 0;
  private pending: Pending[] = [];
  constructor(public ms = Date.parse('2026-03-01T12:00:00.000Z')) {}

  now = (): number => this.ms;

  setTimeout = (run: () => void, ms: number): unknown => {
    const id = ++this.seq;
    this.pending.push({ id, at: this.ms + Math.max(0, ms), run });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.pending = this.pending.filter((p) => p.id !== handle);
  };

  async advance(ms: number): Promise<void> {
    const target = this.ms + ms;
    await settle();
    for (;;) {
      const due = this.pending.filter((p) => p.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.pending = this.pending.filter((p) => p !== due);
      this.ms = due.at;
      due.run();
      await settle();
    }
    this.ms = target;
  }
}

/** Lets every queued promise callback run (a macrotask turn, not a sleep). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

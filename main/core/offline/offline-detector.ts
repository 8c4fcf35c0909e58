import type { Timers } from './timers';

/**
 * Answers "can the backend be reached right now?". Resolves true for any HTTP
 * answer from the backend itself (even 401 or 500: it is up), false for a
 * network error, a timeout or a gateway's 502/503/504. Must honour `signal`.
 */
export type Probe = (signal: AbortSignal) => Promise<boolean>;

export interface OfflineState {
  mode: 'online' | 'offline';
  /** Why offline: the backend stopped answering, or the operator chose to work offline. */
  reason: 'unreachable' | 'manual' | null;
  /** When the current mode began (ISO-8601). */
  since: string;
  /** Offline, but the last probe reached the backend: the app offers to go online. */
  onlineAvailable: boolean;
  lastProbeAt: string | null;
}

export interface OfflineDetectorOptions {
  probe: Probe;
  timers: Timers;
  /** Time between probes (default 2 s). */
  intervalMs?: number;
  /** A probe slower than this counts as a failure (default 1.2 s). */
  timeoutMs?: number;
  /**
   * After a first failure, a confirming probe this soon (default 300 ms), so one blip is not an
   * outage; any successful API call in between clears the suspicion.
   */
  confirmDelayMs?: number;
}

/**
 * Watches the backend. Worst case from the moment it goes away to "offline":
 * one interval (2 s) + a timed-out probe (1.2 s) + the confirmation delay (0.3 s) + a
 * timed-out confirmation (1.2 s) = 4.7 s; a refused connection fails at once, so about 2.3 s. Any
 * network error reported by the API proxy starts that confirmation at once.
 *
 * Coming back is never automatic: mutations are never queued and views must
 * be refetched, so the app shows "online available" and the operator chooses
 * (`goOnline`). The manual "Work offline" switch does the same as an outage.
 */
export class OfflineDetector {
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly confirmDelayMs: number;
  private state: OfflineState;
  private readonly listeners = new Set<(state: OfflineState) => void>();
  private timer: unknown = null;
  private inFlight: Promise<boolean> | null = null;
  private running = false;
  private suspectedDown = false;

  constructor(private readonly options: OfflineDetectorOptions) {
    this.intervalMs = options.intervalMs ?? 2000;
    this.timeoutMs = options.timeoutMs ?? 1200;
    this.confirmDelayMs = options.confirmDelayMs ?? 300;
    this.state = {
      mode: 'online',
      reason: null,
      since: this.iso(),
      onlineAvailable: false,
      lastProbeAt: null,
    };
  }

  private iso(): string {
    return new Date(this.options.timers.now()).toISOString();
  }

  current(): OfflineState {
    return { ...this.state };
  }

  subscribe(listener: (state: OfflineState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) this.options.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** The operator's "Work offline" switch. Turning it off is the same as accepting "go online". */
  setManualOffline(on: boolean): void {
    if (on) this.enterOffline('manual');
    else this.goOnline();
  }

  /** The operator accepted the offer to go online (or switched "Work offline" off). */
  goOnline(): void {
    this.suspectedDown = false;
    this.update({ mode: 'online', reason: null, since: this.iso(), onlineAvailable: false });
    this.schedule(0);
  }

  /** The API proxy saw a network error: confirm now rather than at the next tick. */
  reportNetworkError(): void {
    if (this.state.mode === 'offline' || !this.running) return;
    this.suspectedDown = true;
    this.schedule(0);
  }

  /** The API proxy got an answer: proof the backend is up, no probe needed. */
  reportSuccess(): void {
    this.suspectedDown = false;
    if (this.state.mode === 'offline' && !this.state.onlineAvailable) this.update({ onlineAvailable: true });
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    if (this.timer !== null) this.options.timers.clearTimeout(this.timer);
    this.timer = this.options.timers.setTimeout(() => {
      this.timer = null;
      void this.tick();
    }, ms);
  }

  private async tick(): Promise<void> {
    const reachable = await this.probeOnce();
    if (!this.running) return;
    if (this.state.mode === 'online') {
      if (reachable) {
        this.suspectedDown = false;
        this.schedule(this.intervalMs);
      } else if (this.suspectedDown) {
        this.suspectedDown = false;
        this.enterOffline('unreachable');
        this.schedule(this.intervalMs);
      } else {
        this.suspectedDown = true;
        this.schedule(this.confirmDelayMs);
      }
      return;
    }
    if (reachable !== this.state.onlineAvailable) this.update({ onlineAvailable: reachable });
    this.schedule(this.intervalMs);
  }

  /** One probe with a timeout; concurrent callers share it. */
  private probeOnce(): Promise<boolean> {
    if (this.inFlight) return this.inFlight;
    const { timers } = this.options;
    const controller = new AbortController();
    const run = new Promise<boolean>((resolve) => {
      const timeout = timers.setTimeout(() => {
        controller.abort();
        resolve(false);
      }, this.timeoutMs);
      this.options.probe(controller.signal).then(
        (ok) => {
          timers.clearTimeout(timeout);
          resolve(ok);
        },
        () => {
          timers.clearTimeout(timeout);
          resolve(false);
        },
      );
    }).finally(() => {
      this.inFlight = null;
      this.state.lastProbeAt = this.iso();
    });
    this.inFlight = run;
    return run;
  }

  private enterOffline(reason: 'unreachable' | 'manual'): void {
    if (this.state.mode === 'offline' && this.state.reason === reason) return;
    this.update({ mode: 'offline', reason, since: this.iso(), onlineAvailable: false });
  }

  private update(patch: Partial<OfflineState>): void {
    this.state = { ...this.state, ...patch };
    const snapshot = this.current();
    for (const listener of this.listeners) listener(snapshot);
  }
}

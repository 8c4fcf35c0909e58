import { describe, expect, it } from 'vitest';
import { OfflineDetector, type OfflineState } from '../../../main/core/offline/offline-detector';
import { FakeTimers } from './support/fake-timers';

type Backend = 'up' | 'refusing' | 'hanging';

function setup() {
  const timers = new FakeTimers();
  const world = { backend: 'up' as Backend, probes: 0, failNext: 0 };
  const probe = (signal: AbortSignal) => {
    world.probes++;
    if (world.failNext > 0) {
      world.failNext--;
      return Promise.reject(new Error('ECONNRESET'));
    }
    if (world.backend === 'up') return Promise.resolve(true);
    if (world.backend === 'refusing') return Promise.reject(new Error('ECONNREFUSED'));
    return new Promise<boolean>((_, reject) =>
      signal.addEventListener('abort', () => reject(new Error('aborted'))),
    );
  };
  const detector = new OfflineDetector({ probe, timers });
  const seen: OfflineState[] = [];
  detector.subscribe((s) => seen.push(s));
  const start = timers.now();
  detector.start();
  /** Milliseconds from `since` until the detector says offline (or null within `limit`). */
  const timeUntilOffline = async (since: number, limit = 10_000) => {
    for (let t = 0; t <= limit; t += 100) {
      if (detector.current().mode === 'offline') return timers.now() - since;
      await timers.advance(100);
    }
    return null;
  };
  return { timers, world, detector, seen, start, timeUntilOffline };
}

describe('offline detector (injected probe and clock, no sleeps)', () => {
  it('says offline within 5 s when the backend hangs, in the worst case (just after a good probe)', async () => {
    const { timers, world, detector, timeUntilOffline } = setup();
    await timers.advance(0); // first probe: up
    expect(detector.current().mode).toBe('online');
    world.backend = 'hanging';
    const since = timers.now();
    const took = await timeUntilOffline(since);
    expect(took).not.toBeNull();
    expect(took).toBeLessThanOrEqual(5000);
    expect(detector.current()).toMatchObject({
      mode: 'offline',
      reason: 'unreachable',
      onlineAvailable: false,
    });
  });

  it('says offline about one interval after the backend process stops (connection refused)', async () => {
    const { timers, world, timeUntilOffline } = setup();
    await timers.advance(0);
    world.backend = 'refusing';
    expect(await timeUntilOffline(timers.now())).toBeLessThanOrEqual(2400);
  });

  it('does not flip for a single failed probe', async () => {
    const { timers, world, detector, seen } = setup();
    await timers.advance(0);
    // One probe fails (a blip); the confirming probe right after it succeeds.
    world.failNext = 1;
    const probes = world.probes;
    await timers.advance(2400);
    expect(world.probes).toBe(probes + 2);
    await timers.advance(10_000);
    expect(detector.current().mode).toBe('online');
    expect(seen).toEqual([]);
  });

  it('confirms at once when the API proxy reports a network error', async () => {
    const { timers, world, detector } = setup();
    await timers.advance(0);
    world.backend = 'refusing';
    detector.reportNetworkError();
    await timers.advance(0);
    expect(detector.current().mode).toBe('offline');
  });

  it('offers to go online when the backend is back, and only switches when asked', async () => {
    const { timers, world, detector, seen } = setup();
    await timers.advance(0);
    world.backend = 'refusing';
    await timers.advance(3000);
    expect(detector.current().mode).toBe('offline');
    world.backend = 'up';
    await timers.advance(2000);
    expect(detector.current()).toMatchObject({ mode: 'offline', onlineAvailable: true });
    await timers.advance(20_000);
    expect(detector.current().mode).toBe('offline');
    detector.goOnline();
    expect(detector.current()).toMatchObject({ mode: 'online', reason: null });
    expect(seen.map((s) => [s.mode, s.onlineAvailable])).toEqual([
      ['offline', false],
      ['offline', true],
      ['online', false],
    ]);
  });

  it('has a manual "Work offline" switch', async () => {
    const { timers, detector } = setup();
    await timers.advance(0);
    detector.setManualOffline(true);
    expect(detector.current()).toMatchObject({ mode: 'offline', reason: 'manual' });
    await timers.advance(10_000);
    expect(detector.current()).toMatchObject({ mode: 'offline', reason: 'manual', onlineAvailable: true });
    detector.setManualOffline(false);
    expect(detector.current()).toMatchObject({ mode: 'online' });
  });

  it('stops probing when stopped', async () => {
    const { timers, world, detector } = setup();
    await timers.advance(0);
    detector.stop();
    const probes = world.probes;
    await timers.advance(60_000);
    expect(world.probes).toBe(probes);
  });
});

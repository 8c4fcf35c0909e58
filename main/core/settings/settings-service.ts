import { z } from 'zod';
import type { Settings } from '../../../shared/ipc/contract';
import { tryParseCredits } from '../../../shared/money';
import { OperatorFailure } from '../errors/normalize';
import type { KeyValueStore } from '../platform/key-value-store';

export const DEFAULT_SETTINGS: Settings = {
  confirmThreshold: '1000',
  requestTimeoutMs: 10_000,
  updateChecks: true,
};

const StoredSettings = z.object({
  confirmThreshold: z.string(),
  requestTimeoutMs: z.number().int().min(1000).max(120_000),
  updateChecks: z.boolean(),
});

/** Operator preferences, persisted with the profiles. */
export class SettingsService {
  /** Read on every backend call (the timeout), so parsed once; only this class writes the key. */
  private cached: Settings | null = null;

  constructor(private readonly store: KeyValueStore) {}

  get(): Settings {
    if (this.cached) return { ...this.cached };
    this.cached = this.load();
    return { ...this.cached };
  }

  private load(): Settings {
    // A damaged settings value falls back to the defaults field by field.
    const stored = this.store.get('settings');
    const out: Settings = { ...DEFAULT_SETTINGS };
    const shape = StoredSettings.shape;
    if (stored !== null && typeof stored === 'object') {
      const raw = stored as Record<string, unknown>;
      const threshold = shape.confirmThreshold.safeParse(raw.confirmThreshold);
      if (threshold.success) out.confirmThreshold = threshold.data;
      const timeout = shape.requestTimeoutMs.safeParse(raw.requestTimeoutMs);
      if (timeout.success) out.requestTimeoutMs = timeout.data;
      const updates = shape.updateChecks.safeParse(raw.updateChecks);
      if (updates.success) out.updateChecks = updates.data;
    }
    return out;
  }

  update(change: Partial<Settings>): Settings {
    if (change.confirmThreshold !== undefined) {
      const credits = tryParseCredits(change.confirmThreshold);
      if (!credits.ok || credits.units < 0n) {
        const message = credits.ok ? 'must not be negative' : credits.error;
        throw new OperatorFailure({
          code: 'invalid_arguments',
          message: `The confirmation threshold ${message}.`,
          fields: [{ field: 'confirmThreshold', message }],
          retryable: false,
        });
      }
    }
    const next = { ...this.get(), ...stripUndefined(change) };
    this.store.set('settings', next);
    this.cached = next;
    return { ...next };
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

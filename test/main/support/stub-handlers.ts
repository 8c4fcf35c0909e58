import { vi } from 'vitest';
import type { Handlers } from '../../../main/core/ipc/dispatcher';
import { channelNames } from '../../../shared/ipc/contract';

/** Every channel as a spy that resolves to a marker, so tests can see whether a handler ran. */
export function stubHandlers(): Handlers & Record<string, ReturnType<typeof vi.fn>> {
  const handlers: Record<string, ReturnType<typeof vi.fn>> = {};
  for (const channel of channelNames) handlers[channel] = vi.fn(async () => ({ handled: channel }));
  return handlers as unknown as Handlers & Record<string, ReturnType<typeof vi.fn>>;
}

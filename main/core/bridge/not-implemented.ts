import { channelNames } from '../../../shared/ipc/contract';
import { OperatorFailure } from '../errors/normalize';
import type { Handlers } from '../ipc/dispatcher';

/** Temporary: lets the entry points register every channel while handlers are built. */
export function notImplementedHandlers(): Handlers {
  const handlers: Record<string, () => Promise<never>> = {};
  for (const channel of channelNames) {
    handlers[channel] = async () => {
      throw new OperatorFailure({
        code: 'not_implemented',
        message: `${channel} is not implemented yet.`,
        retryable: false,
      });
    };
  }
  return handlers as unknown as Handlers;
}

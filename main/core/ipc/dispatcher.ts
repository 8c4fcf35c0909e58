import type { z } from 'zod';
import {
  type ChannelArgs,
  type ChannelName,
  type ChannelResponse,
  channels,
  isChannelName,
} from '../../../shared/ipc/contract';
import { type Envelope, fail, type OperatorError, ok } from '../../../shared/ipc/envelope';
import { toOperatorError } from '../errors/normalize';

export type Handlers = { [C in ChannelName]: (args: ChannelArgs<C>) => Promise<ChannelResponse<C>> };

/** Who sent a call, as far as the transport can tell. */
export type SenderInfo = { trusted: boolean; description: string };

export type Dispatch = (channel: unknown, args: unknown, sender: SenderInfo) => Promise<Envelope<unknown>>;

/**
 * The single entry point for every renderer call, whichever transport carried
 * it. Order matters: sender, then channel, then arguments; a handler only ever
 * sees arguments that passed its schema.
 */
export function createDispatcher(
  handlers: Handlers,
  onFailure: (channel: string, error: OperatorError, thrown: unknown) => void = () => {},
): Dispatch {
  return async (channel, args, sender) => {
    if (!sender.trusted) {
      return fail({
        code: 'untrusted_sender',
        message: 'This call did not come from the app window.',
        retryable: false,
      });
    }
    if (!isChannelName(channel)) {
      return fail({
        code: 'unknown_channel',
        message: 'The app asked for an operation that does not exist.',
        retryable: false,
      });
    }
    const parsed = channels[channel].request.safeParse(args);
    if (!parsed.success) {
      return fail({
        code: 'invalid_arguments',
        message: `The request for ${channel} was not valid.`,
        fields: parsed.error.issues.map((issue: z.core.$ZodIssue) => ({
          field: issue.path.join('.') || '(arguments)',
          message: issue.message,
        })),
        retryable: false,
      });
    }
    try {
      const handler = handlers[channel] as (a: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data));
    } catch (error) {
      const detail = toOperatorError(error);
      onFailure(channel, detail, error);
      return fail(detail);
    }
  };
}

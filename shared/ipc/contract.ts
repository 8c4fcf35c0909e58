import { z } from 'zod';
import { CHANNEL_NAMES, type ChannelName, type EventName } from './channel-names';

export type { ChannelName, EventName };

/**
 * Every operation the renderer may ask of main, and every event main may push
 * to it. This table is the only way across the bridge: there is deliberately
 * no generic "fetch this URL" channel. Channel names are `domain.operation`;
 * the preload facade exposes each as `window.operator.<domain>.<operation>()`.
 *
 * Requests are always one object (possibly empty) so that every argument is
 * named and validated as a unit before any handler runs.
 */
const noArgs = z.object({}).strict();

export type ChannelSpec = { request: z.ZodType; response: z.ZodType };

export const channels = {
  'app.version': {
    request: noArgs,
    response: z.object({ version: z.string(), platform: z.string(), runtime: z.enum(['electron', 'web']) }),
  },
} as const satisfies { [C in ChannelName]: ChannelSpec };

/** Events pushed from main to the renderer; callbacks receive the payload only. */
export const events = {} as const satisfies { [E in EventName]: z.ZodType };

export type Channels = typeof channels;
export type ChannelRequest<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ChannelArgs<C extends ChannelName> = z.output<Channels[C]['request']>;
export type ChannelResponse<C extends ChannelName> = z.output<Channels[C]['response']>;

export const channelNames: readonly ChannelName[] = CHANNEL_NAMES;

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.hasOwn(channels, value);
}

import { CHANNEL_NAMES, type ChannelName } from './channel-names';
import type { ChannelRequest, ChannelResponse } from './contract';
import type { Envelope } from './envelope';

type DomainOf<N extends string> = N extends `${infer D}.${string}` ? D : never;
type OperationOf<N extends string> = N extends `${string}.${infer O}` ? O : never;

type Call<C extends ChannelName> =
  Record<string, never> extends ChannelRequest<C>
    ? (args?: ChannelRequest<C>) => Promise<Envelope<ChannelResponse<C>>>
    : (args: ChannelRequest<C>) => Promise<Envelope<ChannelResponse<C>>>;

/** The shape of `window.operator`, derived from the channel table. */
export type OperatorApi = {
  [D in DomainOf<ChannelName>]: {
    [C in ChannelName as DomainOf<C> extends D ? OperationOf<C> : never]: Call<C>;
  };
};

export type Invoke = (channel: ChannelName, args: unknown) => Promise<Envelope<unknown>>;

/**
 * Builds the per-domain facade from a transport. The Electron preload passes
 * ipcRenderer.invoke; the loopback web host passes fetch. Both therefore
 * expose exactly the same surface, which is what lets end-to-end tests in a
 * plain browser exercise the renderer the app ships.
 */
export function createFacade(invoke: Invoke): OperatorApi {
  const api: Record<string, Record<string, (args?: unknown) => Promise<Envelope<unknown>>>> = {};
  for (const name of CHANNEL_NAMES) {
    const [domain, operation] = name.split('.') as [string, string];
    api[domain] ??= {};
    api[domain][operation] = (args?: unknown) => invoke(name, args ?? {});
  }
  return api as unknown as OperatorApi;
}

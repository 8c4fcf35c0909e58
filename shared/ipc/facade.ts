import { CHANNEL_NAMES, type ChannelName, EVENT_NAMES, type EventName } from './channel-names';
import type { ChannelRequest, ChannelResponse, EventPayload } from './contract';
import type { Envelope } from './envelope';

type DomainOf<N extends string> = N extends `${infer D}.${string}` ? D : never;
type OperationOf<N extends string> = N extends `${string}.${infer O}` ? O : never;

type Call<C extends ChannelName> =
  Record<string, never> extends ChannelRequest<C>
    ? (args?: ChannelRequest<C>) => Promise<Envelope<ChannelResponse<C>>>
    : (args: ChannelRequest<C>) => Promise<Envelope<ChannelResponse<C>>>;

/** Subscribes to a main → renderer event; returns the function that unsubscribes. */
export type EventsApi = {
  on<E extends EventName>(name: E, callback: (payload: EventPayload<E>) => void): () => void;
};

/** The shape of `window.operator`, derived from the channel table. */
export type OperatorApi = {
  [D in DomainOf<ChannelName>]: {
    [C in ChannelName as DomainOf<C> extends D ? OperationOf<C> : never]: Call<C>;
  };
} & { events: EventsApi };

export type Invoke = (channel: ChannelName, args: unknown) => Promise<Envelope<unknown>>;
/** Delivers each payload of one event to the listener until the returned function is called. */
export type Subscribe = (name: EventName, listener: (payload: unknown) => void) => () => void;

/** A transport without events (unit tests of the renderer): subscriptions never fire. */
const noEvents: Subscribe = () => () => {};

/**
 * Builds the per-domain facade from a transport. The Electron preload passes
 * ipcRenderer.invoke/on; the loopback web host passes fetch and an
 * EventSource. Both therefore expose exactly the same surface, which is what
 * lets end-to-end tests in a plain browser exercise the renderer the app ships.
 */
export function createFacade(invoke: Invoke, subscribe: Subscribe = noEvents): OperatorApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const name of CHANNEL_NAMES) {
    const [domain, operation] = name.split('.') as [string, string];
    api[domain] ??= {};
    api[domain][operation] = (args?: unknown) => invoke(name, args ?? {});
  }
  const eventNames: readonly string[] = EVENT_NAMES;
  api.events = {
    on(name: EventName, callback: (payload: unknown) => void): () => void {
      if (!eventNames.includes(name)) throw new Error(`There is no event called ${String(name)}.`);
      if (typeof callback !== 'function') throw new Error('events.on needs a callback function.');
      // Only the payload reaches the page: never the transport's event object.
      let active = true;
      const unsubscribe = subscribe(name, (payload) => {
        if (active) callback(payload);
      });
      return () => {
        if (!active) return;
        active = false;
        unsubscribe();
      };
    },
  };
  for (const domain of Object.values(api)) Object.freeze(domain);
  return Object.freeze(api) as unknown as OperatorApi;
}

import type { EventName } from '../../shared/ipc/channel-names';
import type { Envelope } from '../../shared/ipc/envelope';
import { createFacade } from '../../shared/ipc/facade';

// Browser code (type-checked by tsconfig.web.json). Runs in an ordinary browser
// tab opened on the loopback web host. It gives the built renderer the same
// window.operator the Electron preload gives it, carried over same-origin
// fetch (calls) and Server-Sent Events (events) instead of IPC. The session
// cookie set by the host authenticates both; this script holds no secret.

const listeners = new Map<string, Set<(payload: unknown) => void>>();
let source: EventSource | null = null;

function ensureEventStream(): void {
  if (source) return;
  source = new EventSource('/__bridge/events', { withCredentials: false });
  source.onmessage = (message: MessageEvent<string>) => {
    let parsed: { name?: unknown; payload?: unknown };
    try {
      parsed = JSON.parse(message.data) as { name?: unknown; payload?: unknown };
    } catch {
      return;
    }
    if (typeof parsed.name !== 'string') return;
    for (const listener of listeners.get(parsed.name) ?? []) listener(parsed.payload);
  };
}

function subscribe(name: EventName, listener: (payload: unknown) => void): () => void {
  ensureEventStream();
  let set = listeners.get(name);
  if (!set) {
    set = new Set();
    listeners.set(name, set);
  }
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

const api = createFacade(async (channel, args) => {
  let response: Response;
  try {
    response = await fetch(`/__bridge/invoke/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args),
      credentials: 'same-origin',
    });
  } catch {
    return {
      ok: false,
      error: { code: 'bridge_unavailable', message: 'The web host is not answering.', retryable: true },
    };
  }
  if (!response.ok) {
    return {
      ok: false,
      error: {
        code: 'bridge_unavailable',
        message: `The web host refused the call (HTTP ${response.status}).`,
        retryable: true,
      },
    };
  }
  return (await response.json()) as Envelope<unknown>;
}, subscribe);

Object.defineProperty(window, 'operator', {
  value: api,
  writable: false,
  configurable: false,
});

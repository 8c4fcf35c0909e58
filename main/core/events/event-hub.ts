import type { EventName, EventPayload } from '../../../shared/ipc/contract';

export type EventListener = (name: EventName, payload: unknown) => void;

/**
 * Main → renderer events. The core emits; each transport (Electron's
 * webContents.send, the web host's Server-Sent Events) subscribes once and
 * forwards to its window.
 */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(name, payload);
      } catch {
        // A broken transport must not stop the core (or the other transports).
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

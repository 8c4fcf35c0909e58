import type { Envelope } from '../../../shared/ipc/envelope';
import { operator } from './operator';
import type { CallName, Calls, OperatorError } from './types';

/**
 * A bridge failure as a thrown value, so TanStack Query and mutation flows can
 * use ordinary try/catch while keeping main's normalised error intact.
 */
export class OperatorFailure extends Error {
  constructor(readonly error: OperatorError) {
    super(error.message);
    this.name = 'OperatorFailure';
  }
  get code(): string {
    return this.error.code;
  }
}

/** Normalises anything thrown (bridge missing, network, bug) into OperatorError. */
export function toOperatorError(e: unknown): OperatorError {
  if (e instanceof OperatorFailure) return e.error;
  return {
    code: 'renderer_error',
    message: e instanceof Error ? e.message : String(e),
    retryable: false,
  };
}

type Method = (args: unknown) => Promise<Envelope<unknown>>;

/** Calls one bridge operation and unwraps its envelope (throws OperatorFailure). */
export async function call<C extends CallName>(name: C, args: Calls[C][0]): Promise<Calls[C][1]> {
  const [domain, op] = name.split('.') as [string, string];
  // One generic dispatch instead of a switch over 29 channels; the Calls type keeps it exact.
  const api = operator() as unknown as Record<string, Record<string, Method> | undefined>;
  const method = api[domain]?.[op];
  if (!method) {
    throw new OperatorFailure({
      code: 'bridge_missing_channel',
      message: `This build's core does not offer ${name}.`,
      retryable: false,
    });
  }
  const envelope = await method(args);
  if (!envelope.ok) throw new OperatorFailure(envelope.error);
  return envelope.value as Calls[C][1];
}

type Unsubscribe = () => void;

/** Subscribes to a main → renderer event; a no-op where the bridge has no events (tests). */
export function onBridgeEvent(name: string, cb: (payload: unknown) => void): Unsubscribe {
  const events = (
    window.operator as unknown as { events?: { on?: (n: string, c: (p: unknown) => void) => Unsubscribe } }
  )?.events;
  if (!events?.on) return () => {};
  return events.on(name, cb);
}

/**
 * Node-project setup: every test file's run feeds the whole-run token sweep
 * (see token-sweep.ts) and ends with it. It taps the core where things leave:
 * - bridge responses: every dispatcher the file creates (so both transports and
 *   every harness are covered);
 * - errors: every OperatorFailure constructed;
 * - log, journal and error-message lines: everything that passes the Redactor
 *   on its way out;
 * - events: every EventHub emission;
 * and it learns every secret any Redactor is given (the vault registers each
 * token it holds). Electron is never involved; nothing here changes behaviour.
 */
import { afterAll, vi } from 'vitest';
import { EventHub } from '../../main/core/events/event-hub';
import { Redactor } from '../../main/core/logging/redactor';
import { clearOutputs, findLeaks, learnToken, recordOutput } from './token-sweep';

vi.mock('../../main/core/ipc/dispatcher', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../main/core/ipc/dispatcher')>();
  const { recordOutput: record } = await import('./token-sweep');
  return {
    ...actual,
    createDispatcher: (...args: Parameters<typeof actual.createDispatcher>) => {
      const dispatch = actual.createDispatcher(...args);
      return async (channel: unknown, callArgs: unknown, sender: Parameters<typeof dispatch>[2]) => {
        const envelope = await dispatch(channel, callArgs, sender);
        record(`bridge response ${String(channel)}`, envelope);
        return envelope;
      };
    },
  };
});

vi.mock('../../main/core/errors/normalize', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../main/core/errors/normalize')>();
  const { recordOutput: record } = await import('./token-sweep');
  class RecordedOperatorFailure extends actual.OperatorFailure {
    constructor(detail: ConstructorParameters<typeof actual.OperatorFailure>[0]) {
      super(detail);
      record(`error ${detail.code}`, detail);
    }
  }
  return { ...actual, OperatorFailure: RecordedOperatorFailure };
});

const register = Redactor.prototype.register;
Redactor.prototype.register = function (this: Redactor, secret: string) {
  learnToken(secret);
  register.call(this, secret);
};
const redact = Redactor.prototype.redact;
Redactor.prototype.redact = function (this: Redactor, text: string) {
  const out = redact.call(this, text);
  recordOutput('log, journal or error line', out);
  return out;
};
const emit = EventHub.prototype.emit;
EventHub.prototype.emit = function (this: EventHub, name, payload) {
  recordOutput(`event ${name}`, payload);
  emit.call(this, name, payload);
} as EventHub['emit'];

afterAll(() => {
  const leaks = findLeaks();
  clearOutputs();
  if (leaks.length > 0) {
    throw new Error(`A token appeared in what the core let out:\n${leaks.slice(0, 20).join('\n')}`);
  }
});

import { afterEach, describe, expect, it } from 'vitest';
import { OperatorFailure } from '../../../main/core/errors/normalize';
import { EventHub } from '../../../main/core/events/event-hub';
import { createDispatcher, type Handlers } from '../../../main/core/ipc/dispatcher';
import { createLogger } from '../../../main/core/logging/logger';
import { Redactor } from '../../../main/core/logging/redactor';
import { clearOutputs, findLeaks, learnToken, sweepCounts } from '../../support/token-sweep';

/**
 * The whole-run token sweep must be able to fail: each tap, fed a token on
 * purpose, is caught. (The planted leaks are cleared after each test, or this
 * file's own sweep would fail it.)
 */
const planted = 'tok-planted-7f3a9c21';
const sender = { trusted: true, description: 'sweep test' };

afterEach(() => {
  clearOutputs();
});

describe('the token sweep over everything the core lets out', () => {
  it('learns every token a Redactor is given', () => {
    const before = sweepCounts().tokens;
    new Redactor().register('tok-learned-9b1e44d0');
    expect(sweepCounts().tokens).toBe(before + 1);
  });

  it('finds a token in a bridge response', async () => {
    learnToken(planted);
    const dispatch = createDispatcher({
      'app.version': async () => ({ version: planted, platform: 'linux', runtime: 'web' }),
    } as unknown as Handlers);
    const envelope = await dispatch('app.version', {}, sender);
    expect(envelope.ok).toBe(true);
    expect(findLeaks().join('\n')).toMatch(/^bridge response app\.version: .*<TOKEN>/m);
  });

  it('finds a token in an event', () => {
    learnToken(planted);
    new EventHub().emit('connection.changed', { note: planted } as never);
    expect(findLeaks().join('\n')).toMatch(/^event connection\.changed: .*<TOKEN>/m);
  });

  it('finds a token in an error', () => {
    learnToken(planted);
    new OperatorFailure({ code: 'http_error', message: `echo ${planted}`, retryable: false });
    expect(findLeaks().join('\n')).toMatch(/^error http_error: .*<TOKEN>/m);
  });

  it('finds a token in a log line the redactor did not know about', () => {
    learnToken(planted);
    createLogger(() => {}, new Redactor(), { now: () => 0 }).info('oops', { header: planted });
    expect(findLeaks().join('\n')).toMatch(/^log, journal or error line: .*<TOKEN>/m);
  });

  it('finds nothing when the redactor knew the token', () => {
    const redactor = new Redactor();
    redactor.register(planted);
    createLogger(() => {}, redactor, { now: () => 0 }).info('fine', { header: planted });
    expect(findLeaks()).toEqual([]);
    expect(sweepCounts().outputs).toBeGreaterThan(0);
  });
});

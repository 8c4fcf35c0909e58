import { describe, expect, it, vi } from 'vitest';
import { createAppHandlers } from '../../../main/core/bridge/app-handlers';
import { createDispatcher } from '../../../main/core/ipc/dispatcher';
import { stubHandlers } from '../support/stub-handlers';

const trusted = { trusted: true, description: 'test window' };

function setup() {
  const version = vi.fn(
    createAppHandlers({ version: '1.2.3', platform: 'linux', runtime: 'web' })['app.version'],
  );
  return { version, dispatch: createDispatcher({ ...stubHandlers(), 'app.version': version }) };
}

describe('the dispatcher', () => {
  it('runs a valid call from the app window', async () => {
    const { dispatch } = setup();
    expect(await dispatch('app.version', {}, trusted)).toEqual({
      ok: true,
      value: { version: '1.2.3', platform: 'linux', runtime: 'web' },
    });
  });

  it('refuses a foreign sender before the handler runs', async () => {
    const { dispatch, version } = setup();
    const result = await dispatch('app.version', {}, { trusted: false, description: 'other frame' });
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    expect(version).not.toHaveBeenCalled();
  });

  it('refuses unknown channels, including prototype names', async () => {
    const { dispatch } = setup();
    for (const channel of ['http.get', '__proto__', 'constructor', 42, null]) {
      expect(await dispatch(channel, {}, trusted)).toMatchObject({
        ok: false,
        error: { code: 'unknown_channel' },
      });
    }
  });

  it('refuses bad arguments with the field named, before the handler runs', async () => {
    const { dispatch, version } = setup();
    const result = await dispatch('app.version', { url: 'https://evil.example' }, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_arguments', retryable: false } });
    expect(version).not.toHaveBeenCalled();
  });

  it('turns a handler crash into a generic error that carries none of its message', async () => {
    const dispatch = createDispatcher({
      ...stubHandlers(),
      'app.version': async () => {
        throw new Error('Authorization: Bearer sandbox-admin');
      },
    });
    const result = await dispatch('app.version', {}, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal_error' } });
    expect(JSON.stringify(result)).not.toContain('sandbox-admin');
  });
});

import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { createFacade } from '../../shared/ipc/facade';

function installBridge(invoke: Parameters<typeof createFacade>[0]) {
  Object.defineProperty(window, 'operator', { value: createFacade(invoke), configurable: true });
}

describe('App', () => {
  afterEach(() => {
    Reflect.deleteProperty(window, 'operator');
  });

  it('shows the version main reports through the bridge', async () => {
    installBridge(async () => ({
      ok: true,
      value: { version: '9.8.7', platform: 'linux', runtime: 'electron' },
    }));
    render(<App />);
    expect(await screen.findByText('Version 9.8.7 (electron)')).toBeTruthy();
  });

  it('shows main’s error in words when the call fails', async () => {
    installBridge(async () => ({
      ok: false,
      error: { code: 'x', message: 'Main said no.', retryable: false },
    }));
    render(<App />);
    expect((await screen.findByRole('alert')).textContent).toBe('Main said no.');
  });
});

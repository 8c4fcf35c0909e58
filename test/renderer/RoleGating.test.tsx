import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { writeGate } from '../../renderer/src/queries/connection';
import { useNavigation } from '../../renderer/src/state/navigation';
import { useTenant } from '../../renderer/src/state/tenant';
import { connection, defaultHandlers, installBridge, uninstallBridge } from './support/fake-bridge';
import { renderWithProviders } from './support/render';

afterEach(uninstallBridge);

async function showAdmin(role: 'admin' | 'support', section: string) {
  installBridge(defaultHandlers(role));
  act(() => useTenant.getState().select('ten_000001'));
  renderWithProviders(<App />);
  act(() => useNavigation.getState().go('admin', section));
}

describe('role gating', () => {
  it('support: every admin form is disabled and says why', async () => {
    for (const section of ['adjust', 'subscription', 'replenish', 'metering']) {
      await showAdmin('support', section);
      const reason = await screen.findByTestId('write-blocked-reason');
      expect(reason.textContent).toBe('Read-only: your token has the support role.');
      const panel = screen.getByRole('tabpanel');
      const writes = within(panel).getAllByRole('button', { name: /Preview/ });
      for (const b of writes) expect((b as HTMLButtonElement).disabled).toBe(true);
      // Every field sits in a disabled fieldset (the browser disables them all; checked end to end).
      expect(panel.querySelector('fieldset')?.disabled).toBe(true);
      uninstallBridge();
      document.body.innerHTML = '';
    }
  });

  it('admin: the same forms are enabled', async () => {
    await showAdmin('admin', 'adjust');
    await screen.findByRole('heading', { name: 'Manual adjustment or top-up' });
    expect(screen.queryByTestId('write-blocked-reason')).toBeNull();
    expect((screen.getByLabelText('Amount (credits)') as HTMLInputElement).disabled).toBe(false);
  });

  it('support: New workload preview is disabled with the reason beside it', async () => {
    installBridge(defaultHandlers('support'));
    act(() => useTenant.getState().select('ten_000001'));
    renderWithProviders(<App />);
    act(() => useNavigation.getState().go('workloads', 'new'));
    const button = await screen.findByRole('button', { name: 'Preview reservation…' });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(true));
    expect(button.getAttribute('aria-describedby')).toBeTruthy();
    const described = document.getElementById(button.getAttribute('aria-describedby') ?? '');
    expect(described?.textContent).toBe('Read-only: your token has the support role.');
  });

  it('blocks writes on an unacknowledged environment mismatch, with the core’s reason', () => {
    const gate = writeGate(
      connection('admin', {
        canWrite: false,
        environmentMismatch: { expected: 'staging', actual: 'production' },
        writeBlockedReason:
          'This staging profile points at a production backend. Acknowledge it in Settings to write.',
      }),
    );
    expect(gate).toEqual({
      allowed: false,
      reason: 'This staging profile points at a production backend. Acknowledge it in Settings to write.',
    });
  });

  it('role wins over everything: a support token never writes even if canWrite were true', () => {
    expect(writeGate(connection('support', { canWrite: true, writeBlockedReason: null })).allowed).toBe(
      false,
    );
  });
});

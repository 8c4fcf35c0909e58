import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { MutationRequest } from '../../renderer/src/bridge/types';
import { ConfirmDialog } from '../../renderer/src/components/ConfirmDialog';
import { useConfirm } from '../../renderer/src/state/confirm';
import {
  BridgeError,
  defaultHandlers,
  type Handlers,
  installBridge,
  preview,
  transaction,
  uninstallBridge,
} from './support/fake-bridge';
import { renderWithProviders } from './support/render';

const topUp: MutationRequest = {
  operation: 'wallet.adjust',
  payload: { tenantId: 'ten_000001', kind: 'top_up', amount: '25', reason: 'goodwill' },
};

function open(request: MutationRequest, handlers: Handlers) {
  const bridge = installBridge({ ...defaultHandlers(), ...handlers });
  renderWithProviders(<ConfirmDialog />);
  act(() => useConfirm.getState().open({ title: 'Top up ten_000001', request }));
  return bridge;
}

afterEach(() => {
  act(() => useConfirm.getState().close());
  uninstallBridge();
});

describe('ConfirmDialog', () => {
  it('shows the server preview and puts focus on Cancel', async () => {
    open(topUp, { 'mutations.preview': () => preview() });
    const dialog = await screen.findByRole('dialog', { name: 'Top up ten_000001' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    await screen.findByTestId('effects-transactions');
    expect(screen.getByTestId('effects-summary').textContent).toContain('Adds 25 credits');
    expect(screen.getByTestId('effects-wallets').textContent).toContain('525');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Cancel'));
    // Plain confirm: no typing asked for.
    expect(screen.queryByLabelText(/to confirm/)).toBeNull();
    expect((screen.getByRole('button', { name: 'Confirm and commit' }) as HTMLButtonElement).disabled).toBe(
      false,
    );
  });

  it('commits the previewed ticket and lists the written transaction ids', async () => {
    const bridge = open(topUp, {
      'mutations.preview': () => preview(),
      'mutations.commit': () => ({
        outcome: 'committed',
        operation: 'wallet.adjust',
        tenantId: 'ten_000001',
        transactionIds: ['txn_000004'],
        replayed: false,
        attempts: 1,
        result: null,
        journalId: 'j1',
      }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Confirm and commit' }));
    expect((await screen.findByTestId('commit-result')).textContent).toContain('txn_000004');
    expect(bridge.calls.find((c) => c.name === 'mutations.commit')?.args).toEqual({ ticketId: 'tkt_1' });
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Close'));
  });

  it('requires the tenant id typed for a negative adjustment', async () => {
    open(
      {
        operation: 'wallet.adjust',
        payload: { tenantId: 'ten_000001', kind: 'adjustment', amount: '-10', reason: 'fix' },
      },
      {
        'mutations.preview': () =>
          preview({
            effects: {
              ...preview().effects,
              transactions: [transaction(4, { type: 'adjustment', amount: '-10' })],
            },
          }),
      },
    );
    const input = await screen.findByLabelText(/Type the tenant id/);
    const confirm = screen.getByRole('button', { name: 'Confirm and commit' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    await userEvent.type(input, 'ten_00000');
    expect(confirm.disabled).toBe(true);
    await userEvent.type(input, '1');
    expect(confirm.disabled).toBe(false);
  });

  it('requires the tenant id above the Settings threshold', async () => {
    open(topUp, {
      'settings.get': () => ({ confirmThreshold: '10', requestTimeoutMs: 10000, updateChecks: false }),
      'mutations.preview': () => preview(),
    });
    expect(await screen.findByText(/more than the confirmation threshold of 10 credits/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Confirm and commit' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });

  it('requires the environment name for a metering tick on production, and shows the blast radius', async () => {
    open(
      { operation: 'metering.tick', payload: {} },
      {
        'mutations.preview': () =>
          preview({
            operation: 'metering.tick',
            tenantId: null,
            environment: { name: 'Production EU', kind: 'production' },
            effects: {
              transactions: [transaction(9, { type: 'endpoint_usage', amount: '-3', endpoint_id: 'ep_1' })],
              wallets: [{ tenant_id: 'ten_000001', balance_before: '2', balance_after: '-1' }],
              transitions: [
                {
                  entity: 'endpoint',
                  id: 'ep_1',
                  tenant_id: 'ten_000001',
                  field: 'status',
                  from: 'active',
                  to: 'depleted_grace',
                },
              ],
            },
          }),
      },
    );
    const radius = await screen.findByTestId('blast-radius');
    expect(radius.textContent).toContain('Endpoints metered1');
    expect(radius.textContent).toContain('Into depleted_grace' + 'ten_000001');
    const input = screen.getByLabelText(/Type the environment name/);
    await userEvent.type(input, 'Production EU');
    expect((screen.getByRole('button', { name: 'Confirm and commit' }) as HTMLButtonElement).disabled).toBe(
      false,
    );
  });

  it('on changed_since_preview shows what changed and offers a new preview', async () => {
    let previews = 0;
    open(topUp, {
      'mutations.preview': () => {
        previews += 1;
        return preview();
      },
      'mutations.commit': () => {
        throw new BridgeError('changed_since_preview', 'The wallet changed since the preview.', {
          current: { wallet: { balance: '480', reserved: '0', version: 5 } },
        });
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Confirm and commit' }));
    const changed = await screen.findByTestId('changed-since-preview');
    expect(changed.textContent).toContain('3 → 5');
    expect(changed.textContent).toContain('500 → 480');
    await userEvent.click(screen.getByRole('button', { name: 'New preview' }));
    await waitFor(() => expect(previews).toBe(2));
  });

  it('shows the backend refusal in words when the preview fails', async () => {
    open(topUp, {
      'mutations.preview': () => {
        throw new BridgeError('tenant_not_active', 'The tenant is not active.');
      },
    });
    expect((await screen.findByRole('alert')).textContent).toContain('The tenant is not active.');
    expect(screen.queryByRole('button', { name: 'Confirm and commit' })).toBeNull();
  });

  it('while the outcome is unknown, says it is retrying safely, then ends with the definitive result', async () => {
    let finish: (value: unknown) => void = () => {};
    const bridge = open(topUp, {
      'mutations.preview': () => preview(),
      'mutations.commit': () =>
        new Promise((resolve) => {
          finish = resolve;
        }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Confirm and commit' }));
    expect(await screen.findByText('Committing…', { selector: 'p' })).toBeTruthy();
    act(() =>
      bridge.emit('mutations.progress', {
        ticketId: 'tkt_1',
        operation: 'wallet.adjust',
        attempt: 2,
        state: 'retrying',
        message: 'no answer within 10 s; sending again with the same key',
      }),
    );
    expect((await screen.findByText(/retrying safely with the same idempotency key/)).textContent).toContain(
      'no answer within 10 s',
    );
    // Escape does not hide a commit in flight.
    await userEvent.keyboard('{Escape}');
    expect(screen.getByRole('dialog')).toBeTruthy();
    act(() =>
      finish({
        outcome: 'committed',
        operation: 'wallet.adjust',
        tenantId: 'ten_000001',
        transactionIds: ['txn_000004'],
        replayed: true,
        attempts: 2,
        result: null,
        journalId: 'j2',
      }),
    );
    const result = await screen.findByTestId('commit-result');
    expect(result.textContent).toContain('txn_000004');
    expect(result.textContent).toContain('2 attempts');
    expect(result.textContent).toContain('not a second write');
  });

  it('closes on Escape', async () => {
    open(topUp, { 'mutations.preview': () => preview() });
    await screen.findByTestId('effects-transactions');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('keeps Tab inside the dialog', async () => {
    open(topUp, { 'mutations.preview': () => preview() });
    const dialog = await screen.findByRole('dialog');
    await screen.findByTestId('effects-transactions');
    for (let i = 0; i < 5; i++) {
      await userEvent.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
  });
});

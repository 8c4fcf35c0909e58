import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { useOverlays } from '../../renderer/src/state/overlays';
import { useTenant } from '../../renderer/src/state/tenant';
import { defaultHandlers, installBridge, tenant, uninstallBridge } from './support/fake-bridge';
import { renderWithProviders } from './support/render';

afterEach(() => {
  act(() => useOverlays.getState().close());
  act(() => useTenant.setState({ tenantId: null, recent: [] }));
  uninstallBridge();
});

describe('App shell', () => {
  it('shows the version main reports through the bridge', async () => {
    installBridge(defaultHandlers());
    renderWithProviders(<App />);
    expect(await screen.findByText('Version 9.8.7 (electron)')).toBeTruthy();
  });

  it('shows the active profile, environment and role', async () => {
    installBridge(defaultHandlers());
    renderWithProviders(<App />);
    const chip = await screen.findByTestId('profile-chip');
    expect(await within(chip).findByText('Ada Admin · admin')).toBeTruthy();
    expect(chip.textContent).toContain('Local sandbox');
  });

  it('switches tenant by name search and remembers it as recent (ids only)', async () => {
    installBridge({
      ...defaultHandlers(),
      'tenants.list': (args) => {
        const q = (args as { q?: string }).q ?? '';
        const all = [tenant(), tenant({ id: 'ten_000002', name: 'Globex' })];
        return {
          data: all.filter((t) => `${t.name} ${t.id}`.toLowerCase().includes(q.toLowerCase())),
          next_cursor: null,
        };
      },
    });
    renderWithProviders(<App />);
    await userEvent.keyboard('t');
    const input = await screen.findByRole('combobox', { name: 'Switch tenant' });
    await userEvent.type(input, 'glob');
    await waitFor(() => expect(screen.queryByText('Acme Research')).toBeNull());
    await screen.findByText('Globex');
    await userEvent.keyboard('{Enter}');
    expect(useTenant.getState().tenantId).toBe('ten_000002');
    expect(JSON.parse(localStorage.getItem('operator.tenant') ?? '{}').state.recent).toEqual(['ten_000002']);
  });

  it('opens the command palette with the platform modifier and jumps to a screen', async () => {
    installBridge(defaultHandlers());
    renderWithProviders(<App />);
    await userEvent.keyboard('{Control>}k{/Control}');
    const input = await screen.findByRole('combobox', { name: 'Command palette' });
    await userEvent.type(input, 'journal');
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Journal' })).toBeTruthy();
  });

  it('renders HTML in names and reasons as inert text', async () => {
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    installBridge({ ...defaultHandlers(), 'tenants.get': () => tenant({ name: payload }) });
    act(() => useTenant.getState().select('ten_000001'));
    renderWithProviders(<App />);
    expect(await screen.findAllByText(payload)).not.toHaveLength(0);
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

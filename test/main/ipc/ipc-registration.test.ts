import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron is the one thing we stub: a fake ipcMain that records handlers.
const handlers = new Map<string, (event: unknown, args: unknown) => unknown>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, args: unknown) => unknown) => handlers.set(channel, fn),
  },
}));

const { registerIpc } = await import('../../../main/electron/ipc');
const { CHANNEL_NAMES } = await import('../../../shared/ipc/channel-names');

function fakeEvent(input: { senderId: number; url: string; mainFrame?: boolean }) {
  const frame = { url: input.url };
  return {
    sender: { id: input.senderId, mainFrame: input.mainFrame === false ? { url: input.url } : frame },
    senderFrame: frame,
  };
}

describe('IPC registration', () => {
  const dispatch = vi.fn(async (_channel: unknown, _args: unknown, sender: { trusted: boolean }) => ({
    ok: true as const,
    value: sender.trusted,
  }));

  beforeEach(() => {
    handlers.clear();
    dispatch.mockClear();
    registerIpc(dispatch, () => 7);
  });

  it('registers exactly the named channels and nothing else', () => {
    expect([...handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('trusts only the main frame of the app window on the app origin', async () => {
    const call = (event: unknown) => handlers.get('app.version')?.(event, {});
    expect(await call(fakeEvent({ senderId: 7, url: 'app://operator/index.html' }))).toEqual({
      ok: true,
      value: true,
    });
    expect(await call(fakeEvent({ senderId: 8, url: 'app://operator/index.html' }))).toEqual({
      ok: true,
      value: false,
    });
    expect(await call(fakeEvent({ senderId: 7, url: 'https://evil.example/' }))).toEqual({
      ok: true,
      value: false,
    });
    expect(
      await call(fakeEvent({ senderId: 7, url: 'app://operator/index.html', mainFrame: false })),
    ).toEqual({
      ok: true,
      value: false,
    });
  });
});

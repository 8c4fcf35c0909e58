import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../../shared/ipc/channel-names';

// The sandboxed preload, run against a stand-in for contextBridge and ipcRenderer.
const exposed = new Map<string, unknown>();
const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
const invoke = vi.fn(async (channel: string, args: unknown) => ({ ok: true, value: { channel, args } }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: {
    invoke,
    on: (channel: string, fn: (event: unknown, payload: unknown) => void) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(fn);
      listeners.set(channel, set);
    },
    removeListener: (channel: string, fn: (event: unknown, payload: unknown) => void) => {
      listeners.get(channel)?.delete(fn);
    },
  },
}));

await import('../../../preload/index');
type Api = Record<string, Record<string, (args?: unknown) => Promise<unknown>>> & {
  events: { on(name: string, cb: (payload: unknown) => void): () => void };
};
const api = exposed.get('operator') as Api;

describe('the preload', () => {
  it('exposes exactly one function per named operation, plus events, and nothing else', () => {
    expect([...exposed.keys()]).toEqual(['operator']);
    const names = Object.entries(api).flatMap(([domain, ops]) =>
      domain === 'events' ? [] : Object.keys(ops).map((op) => `${domain}.${op}`),
    );
    expect(names.sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(JSON.stringify(Object.keys(api))).not.toContain('ipc');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('invokes the named channel with the arguments (an empty object when none)', async () => {
    await api.tenants?.list?.({ q: 'acme' });
    await api.plans?.list?.();
    expect(invoke.mock.calls).toEqual([
      ['tenants.list', { q: 'acme' }],
      ['plans.list', {}],
    ]);
  });

  it('gives event callbacks the payload only, never the IPC event (which carries sender)', () => {
    const received: unknown[][] = [];
    const off = api.events.on('connection.changed', (...args: unknown[]) => received.push(args));
    const fire = (payload: unknown) => {
      for (const fn of listeners.get('operator:event:connection.changed') ?? [])
        fn({ sender: 'IpcRenderer' }, payload);
    };
    fire({ state: 'connected' });
    expect(received).toEqual([[{ state: 'connected' }]]);
    off();
    fire({ state: 'checking' });
    expect(received).toHaveLength(1);
    expect(listeners.get('operator:event:connection.changed')?.size).toBe(0);
  });

  it('refuses to subscribe to an event that does not exist', () => {
    expect(() => api.events.on('ipc.raw', () => {})).toThrow(/no event/);
  });
});

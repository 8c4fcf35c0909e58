import { beforeEach, describe, expect, it, vi } from 'vitest';

// A stand-in for Electron's BrowserWindow, session and shell that records what
// main/electron/window.ts wires up, so the real handlers can be exercised.
const listeners = new Map<string, (...args: unknown[]) => void>();
let windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
let permissionRequest: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null =
  null;
let permissionCheck: ((wc: unknown, permission: string) => boolean) | null = null;
let beforeRequest: ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null = null;
const openExternal = vi.fn(async () => undefined);
const constructed: unknown[] = [];

const appListeners = new Map<string, (...args: unknown[]) => void>();
const deviceHandler = vi.fn();
vi.mock('electron', () => ({
  app: { on: (name: string, fn: (...args: unknown[]) => void) => appListeners.set(name, fn) },
  BrowserWindow: class {
    webContents = {
      on: (name: string, fn: (...args: unknown[]) => void) => listeners.set(name, fn),
      setWindowOpenHandler: (fn: typeof windowOpenHandler) => {
        windowOpenHandler = fn;
      },
    };
    constructor(options: unknown) {
      constructed.push(options);
    }
    once() {}
    loadURL = vi.fn(async () => undefined);
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn: typeof permissionRequest) => {
        permissionRequest = fn;
      },
      setPermissionCheckHandler: (fn: typeof permissionCheck) => {
        permissionCheck = fn;
      },
      setDevicePermissionHandler: deviceHandler,
      webRequest: {
        onBeforeRequest: (fn: typeof beforeRequest) => {
          beforeRequest = fn;
        },
      },
    },
  },
  shell: { openExternal },
}));

const { createMainWindow, hardenAllWebContents, lockDownSessions } = await import(
  '../../../main/electron/window'
);

describe('the window wiring', () => {
  beforeEach(() => {
    listeners.clear();
    openExternal.mockClear();
    createMainWindow({ preloadPath: '/p.cjs', isPackaged: true });
  });

  it('isolates the renderer from Node and from the preload world', () => {
    expect(constructed.at(-1)).toMatchObject({
      webPreferences: {
        preload: '/p.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
      },
    });
  });

  it('keeps web security on, the risky features off and devtools closed when packaged', () => {
    expect(constructed.at(-1)).toMatchObject({
      minWidth: 1024,
      minHeight: 700,
      webPreferences: {
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        disableBlinkFeatures: 'Auxclick',
        devTools: false,
      },
    });
    createMainWindow({ preloadPath: '/p.cjs', isPackaged: false });
    expect(constructed.at(-1)).toMatchObject({ webPreferences: { devTools: true } });
  });

  it('blocks navigation and redirects away from the app, and every webview', () => {
    for (const name of ['will-navigate', 'will-redirect']) {
      const blocked = { preventDefault: vi.fn() };
      listeners.get(name)?.(blocked, 'https://evil.example/');
      expect(blocked.preventDefault).toHaveBeenCalled();
      const inside = { preventDefault: vi.fn() };
      listeners.get(name)?.(inside, 'app://operator/index.html');
      expect(inside.preventDefault).not.toHaveBeenCalled();
    }
    const webview = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')?.(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies window.open and opens only allow-listed https links externally', () => {
    expect(windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
    expect(windowOpenHandler?.({ url: 'https://docs.modelmachines.ai/x' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://docs.modelmachines.ai/x');
  });

  it('denies every permission request and check', () => {
    lockDownSessions();
    const granted = vi.fn();
    permissionRequest?.({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(permissionCheck?.({}, 'clipboard-read')).toBe(false);
  });

  it('cancels every request of the renderer session except the app itself and inline data', () => {
    lockDownSessions();
    const decide = (url: string) => {
      let cancel: boolean | null = null;
      beforeRequest?.({ url }, (r) => {
        cancel = r.cancel;
      });
      return cancel;
    };
    expect(decide('app://operator/assets/index.js')).toBe(false);
    expect(decide('data:image/png;base64,AAAA')).toBe(false);
    expect(decide('http://127.0.0.1:8787/v1/me')).toBe(true);
    expect(decide('https://evil.example/x')).toBe(true);
    expect(decide('app://other/x')).toBe(true);
  });

  it('denies USB/HID/serial devices', () => {
    lockDownSessions();
    const handler = deviceHandler.mock.calls.at(-1)?.[0] as () => boolean;
    expect(handler()).toBe(false);
  });

  it('hardens every webContents that is ever created, not only the app window', () => {
    hardenAllWebContents();
    const handlers = new Map<string, (...args: unknown[]) => void>();
    let openHandler: (() => { action: string }) | null = null;
    const contents = {
      on: (name: string, fn: (...args: unknown[]) => void) => handlers.set(name, fn),
      setWindowOpenHandler: (fn: () => { action: string }) => {
        openHandler = fn;
      },
    };
    appListeners.get('web-contents-created')?.({}, contents);
    const away = { preventDefault: vi.fn() };
    handlers.get('will-navigate')?.(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    handlers.get('will-attach-webview')?.(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect((openHandler as unknown as () => { action: string })()).toEqual({ action: 'deny' });
  });
});

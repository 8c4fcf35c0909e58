import { app, BrowserWindow, session, shell } from 'electron';
import { APP_ENTRY_URL } from '../core/window/app-origin';
import {
  decidePermission,
  decideWindowOpen,
  isAllowedNavigation,
  isAllowedRendererRequest,
} from '../core/window/navigation-policy';

/** Denies every permission for every session, before any window exists. */
export function lockDownSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(decidePermission(permission)),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => decidePermission(permission));
  // USB, HID and serial devices: never.
  session.defaultSession.setDevicePermissionHandler(() => false);
  // Behind the CSP: the renderer's session cannot reach the network at all.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isAllowedRendererRequest(details.url) }),
  );
}

/**
 * Every webContents, not only the app window's (devtools, anything created
 * later): no navigation away from the app, no new windows, no webviews. The
 * app window then replaces the window-open handler with one that can hand an
 * allow-listed https link to the system browser.
 */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

export function createMainWindow(input: { preloadPath: string; isPackaged: boolean }): BrowserWindow {
  // The options stay a literal at the constructor so the static security
  // check can read them; test/main/window/window-wiring.test.ts asserts each.
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'ModelMachines Operator',
    backgroundColor: '#101418',
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      safeDialogs: true,
      devTools: !input.isPackaged,
    },
  });
  const contents = window.webContents;
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) void shell.openExternal(decision.openExternally);
    return { action: decision.action };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

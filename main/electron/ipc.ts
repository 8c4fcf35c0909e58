import { type IpcMainInvokeEvent, ipcMain, type WebContents } from 'electron';
import { EVENT_CHANNEL_PREFIX } from '../../shared/ipc/channel-names';
import { channelNames } from '../../shared/ipc/contract';
import type { EventHub } from '../core/events/event-hub';
import type { Dispatch, SenderInfo } from '../core/ipc/dispatcher';
import { APP_ORIGIN, originOf } from '../core/window/app-origin';

/**
 * The only module in main that touches ipcMain (enforced by a layering test).
 * It registers one handler per named channel and asks the dispatcher to run it
 * only when the call came from the app's own main frame.
 */
export function registerIpc(dispatch: Dispatch, appWebContentsId: () => number | null): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, args: unknown) =>
      dispatch(channel, args, describeSender(event, appWebContentsId())),
    );
  }
}

function describeSender(event: IpcMainInvokeEvent, expectedId: number | null): SenderInfo {
  const frame = event.senderFrame;
  const origin = frame ? (originOf(frame.url) ?? '') : '';
  const isAppWindow = expectedId !== null && event.sender.id === expectedId;
  const isMainFrame = frame !== null && frame === event.sender.mainFrame;
  return {
    trusted: isAppWindow && isMainFrame && origin === APP_ORIGIN,
    description: `webContents ${event.sender.id}, origin ${origin || 'unknown'}`,
  };
}

/** Pushes core events to the app window only (never to other webContents). */
export function forwardEvents(events: EventHub, appWebContents: () => WebContents | null): () => void {
  return events.subscribe((name, payload) => {
    const contents = appWebContents();
    if (contents && !contents.isDestroyed()) contents.send(`${EVENT_CHANNEL_PREFIX}${name}`, payload);
  });
}

/**
 * electron-store registers a synchronous IPC channel that tells any renderer
 * the userData path and app version. Our renderer never needs it, so it is
 * removed: the bridge channels above are the only IPC main answers.
 */
export function removeElectronStoreChannel(): void {
  ipcMain.removeAllListeners('electron-store-get-data');
}

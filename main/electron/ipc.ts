import { type IpcMainInvokeEvent, ipcMain } from 'electron';
import { channelNames } from '../../shared/ipc/contract';
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

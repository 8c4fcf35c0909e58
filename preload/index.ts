import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import { EVENT_CHANNEL_PREFIX } from '../shared/ipc/channel-names';
import { createFacade } from '../shared/ipc/facade';

// The whole preload: one named function per operation, built from the channel
// table, plus events.on. ipcRenderer itself never reaches the page, and event
// callbacks get the payload only (the IpcRendererEvent carries `sender`).
contextBridge.exposeInMainWorld(
  'operator',
  createFacade(
    (channel, args) => ipcRenderer.invoke(channel, args),
    (name, listener) => {
      const channel = `${EVENT_CHANNEL_PREFIX}${name}`;
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    },
  ),
);

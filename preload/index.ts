import { contextBridge, ipcRenderer } from 'electron';
import { createFacade } from '../shared/ipc/facade';

// The whole preload: one named function per operation, built from the channel
// table. ipcRenderer itself never reaches the page.
contextBridge.exposeInMainWorld(
  'operator',
  createFacade((channel, args) => ipcRenderer.invoke(channel, args)),
);

// First: configures zod before shared/contract creates its schemas.
import './zod-jitless';
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL_NAME, createBridgeApi } from './bridge-api';

// Sandboxed preload: bundled into one file (zod included); only 'electron' stays external.
contextBridge.exposeInMainWorld(
  BRIDGE_GLOBAL_NAME,
  createBridgeApi({
    invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
    on: (channel, listener) => {
      ipcRenderer.on(channel, listener);
    },
    off: (channel, listener) => {
      ipcRenderer.off(channel, listener);
    },
  }),
);

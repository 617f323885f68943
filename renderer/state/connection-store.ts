import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionState } from '../api/connection-state';

export type Transport = 'electron' | 'websocket';

export interface ConnectionStoreState {
  transport: Transport;
  connection: ConnectionState;
  setTransport(transport: Transport): void;
  setConnection(connection: ConnectionState): void;
}

export type ConnectionStore = StoreApi<ConnectionStoreState>;

export function createConnectionStore(): ConnectionStore {
  return createStore<ConnectionStoreState>()((set) => ({
    transport: 'websocket',
    connection: { status: 'connecting', retryAtMs: null, problem: null },
    setTransport: (transport) => set({ transport }),
    setConnection: (connection) => set({ connection }),
  }));
}

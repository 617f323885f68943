import { createContext, useContext, type ReactNode } from 'react';
import type { PoolWatchApi } from '../../shared/contract';

const ApiContext = createContext<PoolWatchApi | null>(null);

export function ApiProvider({ api, children }: { api: PoolWatchApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): PoolWatchApi {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi() needs an <ApiProvider> above it.');
  return api;
}

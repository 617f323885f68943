import type { PoolWatchApi } from '../../shared/contract';
import type { ConnectionSource } from '../api/connection-state';
import type { AccountsStore } from './accounts-store';
import type { ConnectionStore } from './connection-store';
import { loadAccountConfigs, loadEngineState, loadWorkers } from './loaders';
import type { WorkersStore } from './workers-store';

export interface AppStores {
  accounts: AccountsStore;
  workers: WorkersStore;
  connection: ConnectionStore;
}

/**
 * Keeps the stores in step with the engine: loads state on every (re)connect, applies events.
 * Returns the function that stops it.
 */
export function startSync(api: PoolWatchApi, connection: ConnectionSource, stores: AppStores): () => void {
  const { accounts, workers } = stores;

  const stops = [
    api.on('state:account', (summary) => {
      const { byId, unreadable } = accounts.getState();
      const isNew = !(summary.id in byId) && !(summary.id in unreadable);
      if ('unreadable' in summary) accounts.getState().markUnreadable(summary);
      else accounts.getState().upsertSummary(summary);
      // An account added elsewhere (another window, the CLI) also needs its config listed.
      const { configsLoaded, configs } = accounts.getState();
      if (isNew && configsLoaded && !configs.some((config) => config.id === summary.id)) {
        void loadAccountConfigs(api, accounts);
      }
    }),
    api.on('state:account-removed', ({ id }) => {
      accounts.getState().removeAccount(id);
      workers.getState().forget(id);
    }),
    api.on('state:paused', ({ paused }) => accounts.getState().setPaused(paused)),
    api.on('state:history', ({ problem }) => accounts.getState().setHistoryProblem(problem)),
    // A delta with unreadable changes comes back 'out-of-sync': the reload names what could not be read.
    api.on('state:workers-delta', (delta) => {
      if (workers.getState().applyDelta(delta) === 'out-of-sync') void loadWorkers(api, workers, delta.accountId);
    }),
    connection.onStateChange((state) => stores.connection.getState().setConnection(state)),
    connection.onOpen(({ reconnected }) => {
      void loadEngineState(api, accounts);
      void loadAccountConfigs(api, accounts);
      // Events sent while we were away are lost: reload the worker lists we hold.
      if (reconnected) for (const accountId of Object.keys(workers.getState().byAccount)) void loadWorkers(api, workers, accountId);
    }),
  ];

  stores.connection.getState().setConnection(connection.getState());
  connection.start();
  return () => {
    for (const stop of stops) stop();
    connection.stop();
  };
}

import type { PoolWatchApi } from '../../shared/contract';
import { errorMessage } from '../api/error-message';
import type { AccountsStore } from './accounts-store';
import type { WorkersStore } from './workers-store';

/** Loads the engine state (summaries + paused flag) into the accounts slice. */
export async function loadEngineState(api: PoolWatchApi, accounts: AccountsStore): Promise<void> {
  try {
    accounts.getState().replaceState(await api.state.get());
  } catch (error) {
    accounts.getState().setStateError(errorMessage(error));
  }
}

export async function loadAccountConfigs(api: PoolWatchApi, accounts: AccountsStore): Promise<void> {
  try {
    accounts.getState().replaceConfigs(await api.accounts.list());
  } catch (error) {
    accounts.getState().setConfigsError(errorMessage(error));
  }
}

export async function loadWorkers(api: PoolWatchApi, workers: WorkersStore, accountId: string): Promise<void> {
  const requestId = workers.getState().beginLoad(accountId);
  try {
    const list = await api.workers.get({ accountId });
    workers.getState().finishLoad(accountId, requestId, list.workers, list.unreadable ?? null);
  } catch (error) {
    workers.getState().failLoad(accountId, requestId, errorMessage(error));
  }
}

/** Loads an account's workers unless they are loaded or loading; deltas keep a loaded list current. */
export function ensureWorkersLoaded(api: PoolWatchApi, workers: WorkersStore, accountId: string): void {
  const entry = workers.getState().byAccount[accountId];
  if (entry === undefined || entry.status === 'error') void loadWorkers(api, workers, accountId);
}

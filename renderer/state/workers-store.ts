import { createStore, type StoreApi } from 'zustand/vanilla';
import type { UnreadableItems, WorkersDelta } from '../../shared/contract';
import type { Worker } from '../../shared/model';
import {
  applyWorkersDelta,
  failLoading,
  finishLoading,
  startLoading,
  type DeltaOutcome,
  type WorkerListEntry,
} from './workers-reducers';

export interface WorkersState {
  byAccount: Readonly<Record<string, WorkerListEntry>>;
  /** Marks a load as started; returns its request id for finishLoad / failLoad. */
  beginLoad(accountId: string): number;
  /** `unreadable`: workers the answer held that could not be read (left out of `workers`). */
  finishLoad(accountId: string, requestId: number, workers: readonly Worker[], unreadable?: UnreadableItems | null): void;
  failLoad(accountId: string, requestId: number, message: string): void;
  applyDelta(delta: WorkersDelta): DeltaOutcome;
  forget(accountId: string): void;
}

export type WorkersStore = StoreApi<WorkersState>;

function withEntry(
  byAccount: Readonly<Record<string, WorkerListEntry>>,
  accountId: string,
  entry: WorkerListEntry | undefined,
): Readonly<Record<string, WorkerListEntry>> {
  if (byAccount[accountId] === entry) return byAccount;
  const next = { ...byAccount };
  if (entry === undefined) delete next[accountId];
  else next[accountId] = entry;
  return next;
}

export function createWorkersStore(): WorkersStore {
  let lastRequestId = 0;
  return createStore<WorkersState>()((set, get) => ({
    byAccount: {},
    beginLoad(accountId) {
      lastRequestId += 1;
      const requestId = lastRequestId;
      const { byAccount } = get();
      set({ byAccount: withEntry(byAccount, accountId, startLoading(byAccount[accountId], requestId)) });
      return requestId;
    },
    finishLoad(accountId, requestId, workers, unreadable = null) {
      const { byAccount } = get();
      set({ byAccount: withEntry(byAccount, accountId, finishLoading(byAccount[accountId], requestId, workers, unreadable)) });
    },
    failLoad(accountId, requestId, message) {
      const { byAccount } = get();
      set({ byAccount: withEntry(byAccount, accountId, failLoading(byAccount[accountId], requestId, message)) });
    },
    applyDelta(delta) {
      const { byAccount } = get();
      const { entry, outcome } = applyWorkersDelta(byAccount[delta.accountId], delta);
      if (entry !== byAccount[delta.accountId]) set({ byAccount: withEntry(byAccount, delta.accountId, entry) });
      return outcome;
    },
    forget(accountId) {
      set({ byAccount: withEntry(get().byAccount, accountId, undefined) });
    },
  }));
}

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AccountConfigView, EngineState, SecretStoreInfo, UnreadableAccount } from '../../shared/contract';
import type { AccountSummary } from '../../shared/model';
import { sortConfigs, summariesFromState, withoutSummary, withSummary, withUnreadable, type AccountSummaries } from './accounts-reducers';

export interface AccountsState extends AccountSummaries {
  paused: boolean;
  /** True once the first state.get answered. */
  stateLoaded: boolean;
  stateError: string | null;
  /** The engine keeps history in memory only, and why. */
  historyProblem: string | null;
  /** Where typed secrets are saved (the keychain or the secrets file), as state:get said; null until it has. */
  secretStore: SecretStoreInfo | null;
  configs: readonly AccountConfigView[];
  configsLoaded: boolean;
  configsError: string | null;
  replaceState(state: EngineState): void;
  setStateError(message: string): void;
  setHistoryProblem(problem: string | null): void;
  upsertSummary(summary: AccountSummary): void;
  markUnreadable(notice: UnreadableAccount): void;
  removeAccount(id: string): void;
  setPaused(paused: boolean): void;
  replaceConfigs(configs: readonly AccountConfigView[]): void;
  setConfigsError(message: string): void;
}

export type AccountsStore = StoreApi<AccountsState>;

export function createAccountsStore(): AccountsStore {
  return createStore<AccountsState>()((set, get) => ({
    byId: {},
    unreadable: {},
    ids: [],
    paused: false,
    stateLoaded: false,
    stateError: null,
    historyProblem: null,
    secretStore: null,
    configs: [],
    configsLoaded: false,
    configsError: null,
    replaceState(state) {
      set({ ...summariesFromState(get(), state), paused: state.paused, stateLoaded: true, stateError: null, historyProblem: state.historyProblem ?? null, secretStore: state.secretStore ?? null });
    },
    setStateError(message) {
      set({ stateError: message });
    },
    setHistoryProblem(problem) {
      set({ historyProblem: problem });
    },
    upsertSummary(summary) {
      set(withSummary(get(), summary));
    },
    markUnreadable(notice) {
      set(withUnreadable(get(), notice));
    },
    removeAccount(id) {
      const { configs } = get();
      set({ ...withoutSummary(get(), id), configs: configs.filter((config) => config.id !== id) });
    },
    setPaused(paused) {
      set({ paused });
    },
    replaceConfigs(configs) {
      set({ configs: sortConfigs(configs), configsLoaded: true, configsError: null });
    },
    setConfigsError(message) {
      set({ configsError: message });
    },
  }));
}

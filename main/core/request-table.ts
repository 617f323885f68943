import type { RequestHandlers, SecretStoreInfo } from '../../shared/contract';
import type { AlertService } from '../alerts/alert-service';
import type { ChannelService } from '../alerts/channels/channel-service';
import type { Engine } from '../engine/engine';
import type { AccountEditor } from '../engine/account-editor';
import type { HistoryService } from '../history/history-service';
import type { AppSettingsService } from './app-settings-service';
import { PoolActionRunner } from '../engine/pool-actions';
import { poolActionText } from '../../shared/model';

export interface RequestServices {
  engine: Engine;
  accounts: AccountEditor;
  alerts: AlertService;
  channels: ChannelService;
  history: HistoryService;
  appSettings: AppSettingsService;
  /** Where typed secrets are saved (the keychain or the secrets file), told to the UI by state:get. */
  secretStore?: SecretStoreInfo;
}

/**
 * The one request table: every request channel of the contract, answered by the service that owns it. Both
 * transports dispatch through it (dispatchRequest); a channel added to the contract without a handler here
 * does not compile.
 */
export function createRequestTable({ engine, accounts, alerts, channels, history, appSettings, secretStore }: RequestServices): RequestHandlers {
  const poolActions = new PoolActionRunner(engine, engine.context.clock);
  return {
    ...engine.requests,
    ...accounts.requests,
    'state:get': async (request) => ({
      ...(await engine.requests['state:get'](request)),
      historyProblem: history.problem,
      ...(secretStore ? { secretStore } : {}),
    }),
    // A removed account's alerts go with it.
    'accounts:remove': async (request) => {
      const result = await accounts.requests['accounts:remove'](request);
      alerts.removeAccount(request.id);
      poolActions.forget(request.id);
      return result;
    },
    // A new key or address may have other permissions: the pool is asked again.
    'accounts:save': async (request) => {
      const saved = await accounts.requests['accounts:save'](request);
      poolActions.forget(saved.id);
      return saved;
    },
    'alerts:active': () => alerts.active(),
    'alerts:retired': (request) => alerts.retired(request),
    'alerts:history': (request) => alerts.history(request),
    'alerts:snooze': ({ target, minutes }) => alerts.snooze(target, minutes),
    'alerts:unsnooze': ({ target }) => alerts.unsnooze(target),
    'alerts:snoozes': () => alerts.snoozes(),
    'alerts:get-settings': () => alerts.settings(),
    'alerts:save-settings': ({ settings }) => alerts.saveSettings(settings),
    'channels:list': () => channels.list(),
    'channels:save': ({ channel, secrets }) => channels.save(channel, secrets),
    'channels:remove': ({ id }) => channels.remove(id),
    'channels:test': ({ channel, secrets }) => channels.test(channel, secrets),
    'history:hashrate': (request) => history.hashrate(request),
    'history:worker-states': (request) => history.workerStates(request),
    'history:earnings': (request) => history.earnings(request),
    'export:csv': (request) => history.exportCsvInTurns(request),
    'settings:get': () => appSettings.view(),
    'settings:save': ({ settings }) => appSettings.save(settings),
    'actions:offer': ({ accountId }) => poolActions.offer(accountId),
    // Every action the pool was asked for is in the alert history, with its answer, whatever it was.
    'actions:run': async ({ accountId, action }) => {
      const result = await poolActions.run(accountId, action);
      const label = engine.requireAccount(accountId).label;
      alerts.recordPoolAction({ accountId, accountLabel: label, group: action.group, worker: null }, `${poolActionText(action)}: ${result.message}`, result.ok);
      return result;
    },
  };
}

import type { AccountSummary, Worker } from '../../shared/model';
import { callHandler, type RequestChannel, type RequestHandlers, type RequestOf, type ResponseOf, type SecretStoreInfo } from '../../shared/contract';
import type { AlertService } from '../alerts/alert-service';
import type { ChannelService } from '../alerts/channels/channel-service';
import type { HistoryService } from '../history/history-service';
import type { Engine } from '../engine/engine';
import type { AccountEditor } from '../engine/account-editor';
import type { PollObservation } from '../base/poll-observation';
import type { UiEvent, UiEventBus, MonitorService } from '../base/ui-events';
import { createRequestTable } from './request-table';
import type { AppSettingsService } from './app-settings-service';

/**
 * Everything the UI talks to, behind one MonitorService: the polling engine, the alert service, the
 * notification channels and the history (charts, export). Requests are answered by the request table; the
 * events of all of them arrive on one bus.
 */
export class PoolWatch implements MonitorService {
  constructor(
    readonly engine: Engine,
    readonly accounts: AccountEditor,
    readonly alerts: AlertService,
    readonly channels: ChannelService,
    readonly history: HistoryService,
    /** The bus the root handed to the engine, alerts and history: their events, in the order they happen. */
    private readonly events: UiEventBus,
    /** The Settings screen's settings; the desktop shell listens to them (start at login, close to tray). */
    readonly appSettings: AppSettingsService,
    private readonly shutdown: () => void = () => {},
    /** Jobs that run while the monitor runs (the channels' summaries); stopped by shutdown. */
    private readonly jobs: ReadonlyArray<{ start(): void }> = [],
    /** Where typed secrets are saved, as state:get tells the UI. */
    secretStore?: SecretStoreInfo,
  ) {
    this.requests = createRequestTable({ engine, accounts, alerts, channels, history, appSettings, ...(secretStore ? { secretStore } : {}) });
  }

  /** The request table both transports dispatch through. */
  readonly requests: RequestHandlers;

  /** Answers one request through the table (what tests and the headless server's JSON API call). */
  handle<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    return callHandler(this.requests, channel, request);
  }

  subscribe(listener: (event: UiEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  summaries(): AccountSummary[] {
    return this.engine.summaries();
  }

  workersOf(accountId: string): readonly Worker[] {
    return this.engine.workersOf(accountId);
  }

  /** Every poll's outcome, as the alert and history services get it (the metrics' poll durations and failures). */
  onPolled(observer: (observation: PollObservation) => void): () => void {
    return this.engine.onPolled(observer);
  }

  isPaused(): boolean {
    return this.engine.isPaused();
  }

  setPaused(paused: boolean): void {
    this.engine.setPaused(paused);
  }

  /** Loads the config and starts polling and alerting. */
  async start(): Promise<void> {
    await this.engine.start();
    this.alerts.start();
    this.history.start();
    for (const job of this.jobs) job.start();
  }

  /** Stops polling, alert ticks, deliveries and history maintenance, and closes the history database. */
  stop(): void {
    this.engine.stop();
    this.alerts.stop();
    this.channels.stop();
    this.history.stop();
    this.shutdown();
  }
}

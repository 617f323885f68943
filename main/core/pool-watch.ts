import type { AccountSummary, Worker } from '../../shared/model';
import { ContractError, type RequestChannel, type RequestOf, type ResponseOf } from '../../shared/contract';
import type { AlertService } from '../alerts/alert-service';
import type { ChannelService } from '../alerts/channels/channel-service';
import type { HistoryService } from '../history/history-service';
import type { Engine } from '../engine/engine';
import type { EngineEvent, EngineService } from '../engine/service';

/**
 * Everything the UI talks to, behind one EngineService: the polling engine, the alert service, the
 * notification channels and the history (charts, export). Requests are routed by channel domain; the events
 * of all of them are merged.
 */
export class PoolWatch implements EngineService {
  constructor(
    readonly engine: Engine,
    readonly alerts: AlertService,
    readonly channels: ChannelService,
    readonly history: HistoryService,
    private readonly shutdown: () => void = () => {},
  ) {}

  async handle<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    const respond = (value: unknown): ResponseOf<C> => value as ResponseOf<C>;
    switch (channel) {
      case 'alerts:active':
        return respond(this.alerts.active());
      case 'alerts:history':
        return respond(this.alerts.history(request as RequestOf<'alerts:history'>));
      case 'alerts:snooze': {
        const { target, minutes } = request as RequestOf<'alerts:snooze'>;
        return respond(this.alerts.snooze(target, minutes));
      }
      case 'alerts:unsnooze':
        return respond(this.alerts.unsnooze((request as RequestOf<'alerts:unsnooze'>).target));
      case 'alerts:snoozes':
        return respond(this.alerts.snoozes());
      case 'alerts:get-settings':
        return respond(this.alerts.settings());
      case 'alerts:save-settings':
        return respond(await this.alerts.saveSettings((request as RequestOf<'alerts:save-settings'>).settings));
      case 'channels:list':
        return respond(await this.channels.list());
      case 'channels:save': {
        const { channel: draft, secrets } = request as RequestOf<'channels:save'>;
        return respond(await this.channels.save(draft, secrets));
      }
      case 'channels:remove':
        return respond(await this.channels.remove((request as RequestOf<'channels:remove'>).id));
      case 'channels:test': {
        const { channel: draft, secrets } = request as RequestOf<'channels:test'>;
        return respond(await this.channels.test(draft, secrets));
      }
      case 'state:get': {
        const state = await this.engine.handle('state:get', {});
        return respond({ ...state, historyProblem: this.history.problem });
      }
      case 'history:hashrate':
        return respond(this.history.hashrate(request as RequestOf<'history:hashrate'>));
      case 'history:worker-states':
        return respond(this.history.workerStates(request as RequestOf<'history:worker-states'>));
      case 'history:earnings':
        return respond(this.history.earnings(request as RequestOf<'history:earnings'>));
      case 'export:csv':
        return respond(this.history.exportCsv(request as RequestOf<'export:csv'>));
      case 'accounts:remove': {
        const result = await this.engine.handle(channel, request);
        this.alerts.removeAccount((request as RequestOf<'accounts:remove'>).id);
        return result;
      }
      default:
        if (channel.startsWith('alerts:') || channel.startsWith('channels:') || channel.startsWith('history:') || channel.startsWith('export:')) {
          throw new ContractError('invalid_request', `Unknown channel "${channel}".`);
        }
        return this.engine.handle(channel, request);
    }
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    const stops = [this.engine.subscribe(listener), this.alerts.subscribe(listener), this.history.subscribe(listener)];
    return () => stops.forEach((stop) => stop());
  }

  summaries(): AccountSummary[] {
    return this.engine.summaries();
  }

  workersOf(accountId: string): readonly Worker[] {
    return this.engine.workersOf(accountId);
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

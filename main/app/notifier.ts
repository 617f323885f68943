import { workerKey, type AccountSummary, type WorkerState } from '../../shared/model';
import { accountStatusAlerts, workerStateAlerts, type SimpleAlert } from '../alerts/simple-rules';
import type { EngineEvent, EngineService } from '../engine/service';
import { silentLogger, type Logger } from '../engine/logger';

/** Shows one desktop notification; Electron's Notification in the app, a fake in tests. */
export interface NotifierPort {
  show(title: string, body: string): void;
}

/**
 * Remembers the last summary per account and the last state per worker, and turns engine events into
 * notifications with the simple rules. Stands in until the real alert engine exists.
 */
export class SimpleAlerter {
  private readonly summaries = new Map<string, AccountSummary>();
  private readonly workerStates = new Map<string, Map<string, WorkerState>>();

  handle(event: EngineEvent): SimpleAlert[] {
    switch (event.channel) {
      case 'state:account': {
        const alerts = accountStatusAlerts(this.summaries.get(event.payload.id), event.payload);
        this.summaries.set(event.payload.id, event.payload);
        return alerts;
      }
      case 'state:workers-delta':
        return this.handleDelta(event.payload);
      case 'state:account-removed':
        this.summaries.delete(event.payload.id);
        this.workerStates.delete(event.payload.id);
        return [];
      case 'state:paused':
      case 'alerts:notification':
      case 'alerts:changed':
        return [];
    }
  }

  private handleDelta(delta: Extract<EngineEvent, { channel: 'state:workers-delta' }>['payload']): SimpleAlert[] {
    let states = this.workerStates.get(delta.accountId);
    if (!states) {
      states = new Map();
      this.workerStates.set(delta.accountId, states);
    }
    // The delta is emitted just before its poll's summary, so the label may still be unknown on the first one.
    const label = this.summaries.get(delta.accountId)?.label ?? delta.accountId;
    const alerts = workerStateAlerts({ id: delta.accountId, label }, delta, states);
    for (const worker of delta.upserted) states.set(workerKey(worker), worker.state);
    for (const removed of delta.removed) states.delete(workerKey(removed));
    return alerts;
  }
}

/** Shows the simple alerts for every engine event; returns the function that stops. */
export function connectNotifications(
  engine: Pick<EngineService, 'subscribe'>,
  port: NotifierPort,
  logger: Logger = silentLogger,
  alerter: SimpleAlerter = new SimpleAlerter(),
): () => void {
  return engine.subscribe((event) => {
    for (const alert of alerter.handle(event)) {
      try {
        port.show(alert.title, alert.body);
      } catch (error) {
        logger.warn(`notification for ${alert.accountId} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  });
}

import type { EventChannel, EventOf, RequestHandlers } from '../../shared/contract';
import type { AccountSummary } from '../../shared/model';
import { EventBus } from './event-bus';
import type { Logger } from './logger';

/** Something pushed to every connected UI (by the engine, the alert service or the history service). */
export type UiEvent = { [C in EventChannel]: { channel: C; payload: EventOf<C> } }[EventChannel];

/** The one bus of UI events: the root hands the same one to the engine, the alert and the history services. */
export type UiEventBus = EventBus<UiEvent>;

export function createUiEventBus(logger?: Logger): UiEventBus {
  return new EventBus<UiEvent>(logger, (event) => `event listener failed on ${event.channel}`);
}

/**
 * The monitor (main/core's PoolWatch) as both transports (Electron IPC in main/ipc, WebSocket in main/server) and
 * the tray see it. Requests arrive already validated against the contract; responses are validated by the UI.
 */
export interface MonitorService {
  /** The request table (main/core/request-table.ts): one handler per request channel. */
  readonly requests: RequestHandlers;
  /** Listens to every event; returns the function that stops listening. */
  subscribe(listener: (event: UiEvent) => void): () => void;
  summaries(): AccountSummary[];
  isPaused(): boolean;
  setPaused(paused: boolean): void;
}

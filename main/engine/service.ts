import type { EventChannel, EventOf, RequestHandlers } from '../../shared/contract';
import type { AccountSummary } from '../../shared/model';
import { EventBus } from '../base/event-bus';
import type { Logger } from '../base/logger';

/** Something pushed by the engine to every connected UI. */
export type EngineEvent = { [C in EventChannel]: { channel: C; payload: EventOf<C> } }[EventChannel];

/** The one bus of UI events: the root hands the same one to the engine, the alert and the history services. */
export type EngineEventBus = EventBus<EngineEvent>;

export function createEngineEventBus(logger?: Logger): EngineEventBus {
  return new EventBus<EngineEvent>(logger, (event) => `event listener failed on ${event.channel}`);
}

/**
 * The monitor (main/core's PoolWatch) as both transports (Electron IPC in main/ipc, WebSocket in main/server) and
 * the tray see it. Requests arrive already validated against the contract; responses are validated by the UI.
 */
export interface EngineService {
  /** The request table (main/core/request-table.ts): one handler per request channel. */
  readonly requests: RequestHandlers;
  /** Listens to every event; returns the function that stops listening. */
  subscribe(listener: (event: EngineEvent) => void): () => void;
  summaries(): AccountSummary[];
  isPaused(): boolean;
  setPaused(paused: boolean): void;
}

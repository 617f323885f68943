import type { EventChannel, EventOf, RequestHandlers } from '../../shared/contract';
import type { AccountSummary } from '../../shared/model';

/** Something pushed by the engine to every connected UI. */
export type EngineEvent = { [C in EventChannel]: { channel: C; payload: EventOf<C> } }[EventChannel];

/**
 * The engine as both transports (Electron IPC in main/ipc, WebSocket in main/server) and the tray see it.
 * Requests arrive already validated against the contract; responses are validated by the UI.
 */
export interface EngineService {
  /** The request table: one handler per request channel. */
  readonly requests: RequestHandlers;
  /** Listens to every event; returns the function that stops listening. */
  subscribe(listener: (event: EngineEvent) => void): () => void;
  summaries(): AccountSummary[];
  isPaused(): boolean;
  setPaused(paused: boolean): void;
}

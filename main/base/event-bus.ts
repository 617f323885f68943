import { silentLogger, type Logger } from './logger';

/** Resolves after the event loop has handled what was waiting (I/O, timers): the way long work lets others in. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * One emitter for every service: listeners subscribe, the owner emits. A listener that throws is caught and
 * logged here, once per failure, and the other listeners still get the event: one broken consumer (a closed
 * window, a bad tray update) never stops polling, alerting or history.
 */
export class EventBus<E> {
  private readonly listeners = new Set<(event: E) => unknown>();

  /** `failure` starts the log line of a failed listener: what failed on which event (its channel, its account), never its payload. */
  constructor(
    private readonly logger: Logger = silentLogger,
    private readonly failure: (event: E) => string = () => 'event listener failed',
  ) {}

  /** Listens to every event from now on; returns the function that stops listening. */
  subscribe(listener: (event: E) => unknown): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: E): void {
    for (const listener of this.listeners) {
      try {
        const result = listener(event);
        if (result instanceof Promise) result.catch((error: unknown) => this.logFailure(event, error));
      } catch (error) {
        this.logFailure(event, error);
      }
    }
  }

  /**
   * Gives each listener its own turn of the event loop, in order, and waits for what it returns: a 100,000-worker
   * poll feeds history and alerts about 100 ms each, and the API, tray and windows answer between the two.
   */
  async emitInTurns(event: E): Promise<void> {
    for (const listener of [...this.listeners]) {
      await nextTurn();
      try {
        await listener(event);
      } catch (error) {
        this.logFailure(event, error);
      }
    }
  }

  private logFailure(event: E, error: unknown): void {
    this.logger.error(`${this.failure(event)}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

import { silentLogger, type Logger } from './logger';

/**
 * One emitter for every service: listeners subscribe, the owner emits. A listener that throws is caught and
 * logged here, once per failure, and the other listeners still get the event: one broken consumer (a closed
 * window, a bad tray update) never stops polling, alerting or history.
 */
export class EventBus<E> {
  private readonly listeners = new Set<(event: E) => void>();

  /** `failure` starts the log line of a failed listener: what failed on which event (its channel, its account), never its payload. */
  constructor(
    private readonly logger: Logger = silentLogger,
    private readonly failure: (event: E) => string = () => 'event listener failed',
  ) {}

  /** Listens to every event from now on; returns the function that stops listening. */
  subscribe(listener: (event: E) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: E): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error(`${this.failure(event)}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

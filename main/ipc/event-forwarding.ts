import { wireEventPayload } from '../../shared/contract';
import type { MonitorService } from '../base/ui-events';
import type { WebContentsLike } from './ipc-ports';

/** Pushes every engine event to one window while it lives; returns the function that stops. */
export function forwardUiEvents(engine: Pick<MonitorService, 'subscribe'>, contents: WebContentsLike): () => void {
  let unsubscribe: (() => void) | null = null;
  const stop = (): void => {
    unsubscribe?.();
    unsubscribe = null;
  };
  unsubscribe = engine.subscribe((event) => {
    // Sending to destroyed contents throws; the 'destroyed' listener below normally stops us first.
    if (contents.isDestroyed()) {
      stop();
      return;
    }
    // As the WebSocket sends it: a workers delta goes as columns (shared/contract/worker-columns.ts).
    contents.send(event.channel, wireEventPayload(event.channel, event.payload));
  });
  contents.once('destroyed', stop);
  return stop;
}

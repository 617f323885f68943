import type { WebSocket } from 'ws';
import { redactChannelText } from '../alerts/channels/channel-redaction';
import type { Logger } from '../engine/logger';

/** A logger that removes every given secret (and its encoded forms) from each line before it is written. */
export function redactingLogger(logger: Logger, secrets: readonly string[]): Logger {
  return {
    info: (message) => logger.info(redactChannelText(message, secrets)),
    warn: (message) => logger.warn(redactChannelText(message, secrets)),
    error: (message) => logger.error(redactChannelText(message, secrets)),
  };
}

/**
 * Handles a socket's errors (a malformed frame, a message over the size limit, a reset): ws closes the connection
 * itself; without a listener the error would end the process. Logged once per connection.
 */
export function logSocketErrorsOnce(socket: WebSocket, logger: Logger): void {
  let logged = false;
  socket.on('error', (error: Error) => {
    if (logged) return;
    logged = true;
    logger.warn(`headless: closed a WebSocket connection after a protocol error: ${error.message}`);
  });
}

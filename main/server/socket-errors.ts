import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { redactSecrets } from '../base/redaction';
import type { Logger } from '../base/logger';

/** A logger that removes every given secret (and its encoded forms) from each line before it is written. */
export function redactingLogger(logger: Logger, secrets: readonly string[]): Logger {
  return {
    info: (message) => logger.info(redactSecrets(message, secrets)),
    warn: (message) => logger.warn(redactSecrets(message, secrets)),
    error: (message) => logger.error(redactSecrets(message, secrets)),
  };
}

/**
 * Handles every error of one upgraded connection, the raw socket's (a reset) and then its WebSocket's (a malformed
 * frame, a message over the size limit; ws closes the connection itself): without a listener either would end the
 * process. One log line per connection at most. Returns the function that watches the WebSocket once it exists.
 */
export function watchConnectionErrors(socket: Duplex, logger: Logger): (webSocket: WebSocket) => void {
  let logged = false;
  const logOnce = (write: () => void): void => {
    if (logged) return;
    logged = true;
    write();
  };
  socket.on('error', (error: Error) => {
    logOnce(() => logger.info(`headless: a connection ended with a socket error: ${error.message}`));
    socket.destroy();
  });
  return (webSocket) => {
    webSocket.on('error', (error: Error) => logOnce(() => logger.warn(`headless: closed a WebSocket connection after a protocol error: ${error.message}`)));
  };
}

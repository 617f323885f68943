import { ContractError, REQUEST_CHANNELS, dispatchRequest, toErrorEnvelope, type ResultEnvelope } from '../../shared/contract';
import type { MonitorService } from '../base/ui-events';
import { silentLogger, type Logger } from '../base/logger';
import type { IpcMainLike, SenderLike, TrustedSenderCheck } from './ipc-ports';
import { describeSender } from './trusted-sender';

function refused(): ResultEnvelope {
  return toErrorEnvelope(new ContractError('invalid_request', 'Refused: the request did not come from the PoolWatch window.'));
}

/**
 * The one place ipcMain handlers are registered: every request channel goes through the sender check,
 * then dispatchRequest (the contract's schema, then the request table), as the headless server's requests do. Returns the function that removes the handlers.
 */
export function registerRequestHandlers(
  ipcMain: IpcMainLike,
  engine: MonitorService,
  isTrustedSender: TrustedSenderCheck,
  logger: Logger = silentLogger,
): () => void {
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, async (event: SenderLike, payload: unknown): Promise<ResultEnvelope> => {
      if (!isTrustedSender(event)) {
        logger.warn(`ipc ${channel}: refused a request from ${describeSender(event)}`);
        return refused();
      }
      return dispatchRequest(engine.requests, channel, payload, (message) => logger.error(`ipc ${channel}: the engine failed: ${message}`));
    });
  }
  return () => {
    for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(channel);
  };
}

import {
  ContractError,
  REQUEST_CHANNELS,
  parseRequest,
  toErrorEnvelope,
  type RequestChannel,
  type ResultEnvelope,
} from '../../shared/contract';
import type { EngineService } from '../engine/service';
import { silentLogger, type Logger } from '../engine/logger';
import type { IpcMainLike, SenderLike, TrustedSenderCheck } from './ipc-ports';
import { describeSender } from './trusted-sender';

function refused(): ResultEnvelope {
  return toErrorEnvelope(new ContractError('invalid_request', 'Refused: the request did not come from the PoolWatch window.'));
}

async function answer(
  engine: EngineService,
  channel: RequestChannel,
  payload: unknown,
  logger: Logger,
): Promise<ResultEnvelope> {
  try {
    const request = parseRequest(channel, payload);
    return { ok: true, value: await engine.handle(channel, request) };
  } catch (error) {
    if (!(error instanceof ContractError)) {
      logger.error(`ipc ${channel}: the engine failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return toErrorEnvelope(error);
  }
}

/**
 * The one place ipcMain handlers are registered: every request channel goes through the sender check,
 * then the contract's schema, then the engine. Returns the function that removes the handlers.
 */
export function registerEngineHandlers(
  ipcMain: IpcMainLike,
  engine: EngineService,
  isTrustedSender: TrustedSenderCheck,
  logger: Logger = silentLogger,
): () => void {
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, async (event: SenderLike, payload: unknown): Promise<ResultEnvelope> => {
      if (!isTrustedSender(event)) {
        logger.warn(`ipc ${channel}: refused a request from ${describeSender(event)}`);
        return refused();
      }
      return answer(engine, channel, payload, logger);
    });
  }
  return () => {
    for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(channel);
  };
}

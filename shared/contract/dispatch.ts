import type { RequestChannel, RequestOf, ResponseOf } from './channels';
import { ContractError, parseRequest, toErrorEnvelope, type ResultEnvelope } from './envelope';

/** What answers a request once it has been read (the engine's handle). */
export type RequestHandler = <C extends RequestChannel>(channel: C, request: RequestOf<C>) => Promise<ResponseOf<C>>;

/**
 * One request as either transport (Electron IPC, the headless WebSocket) receives it, turned into its answer:
 * the channel and payload are read by the contract, the handler is called, and its value or error becomes the
 * envelope. Never throws. An error that is not a ContractError is a fault: `onFault` gets its message for the
 * log, while the UI gets a sentence without internals.
 */
export async function dispatchRequest(
  handle: RequestHandler,
  channel: string,
  payload: unknown,
  onFault: (message: string) => void,
): Promise<ResultEnvelope> {
  try {
    const request = parseRequest(channel as RequestChannel, payload);
    return { ok: true, value: await handle(channel as RequestChannel, request) };
  } catch (error) {
    if (!(error instanceof ContractError)) onFault(error instanceof Error ? error.message : String(error));
    return toErrorEnvelope(error);
  }
}

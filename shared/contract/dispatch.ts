import { isRequestChannel, type RequestChannel, type RequestOf, type ResponseOf } from './channels';
import { ContractError, parseRequest, toErrorEnvelope, type ResultEnvelope } from './envelope';

/** What answers one channel's request once it has been read. */
export type ChannelHandler<C extends RequestChannel> = (request: RequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;

/** The request table: one handler per request channel. A channel without a handler does not compile. */
export type RequestHandlers = { [C in RequestChannel]: ChannelHandler<C> };

/** Calls the handler of `channel` in any table of handlers (the whole table, or one service's part of it). */
export async function callHandler<K extends RequestChannel, C extends K>(
  handlers: { [P in K]: ChannelHandler<P> },
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> {
  const handler: ChannelHandler<C> = handlers[channel];
  return handler(request);
}

/**
 * One request as either transport (Electron IPC, the headless WebSocket) receives it, turned into its answer:
 * the channel and payload are read by the contract, the table's handler is called, and its value or error becomes
 * the envelope. Never throws. An error that is not a ContractError is a fault: `onFault` gets its message for the
 * log, while the UI gets a sentence without internals.
 */
export async function dispatchRequest(
  handlers: RequestHandlers,
  channel: string,
  payload: unknown,
  onFault: (message: string) => void,
): Promise<ResultEnvelope> {
  try {
    if (!isRequestChannel(channel)) throw new ContractError('invalid_request', `Unknown channel "${channel}".`);
    const request = parseRequest(channel, payload);
    return { ok: true, value: await callHandler(handlers, channel, request) };
  } catch (error) {
    if (!(error instanceof ContractError)) onFault(error instanceof Error ? error.message : String(error));
    return toErrorEnvelope(error);
  }
}

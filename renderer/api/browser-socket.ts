import type { SocketFactory } from './ws-client';

/** Adapts the browser's WebSocket to the small interface the client is written (and tested) against. */
export const createBrowserSocket: SocketFactory = (url, protocols, handlers) => {
  const socket = new WebSocket(url, protocols);
  socket.onopen = () => handlers.onOpen();
  socket.onmessage = (event: MessageEvent) => handlers.onMessage(event.data);
  socket.onclose = (event: CloseEvent) => handlers.onClose(event.code, event.reason);
  return {
    send: (data) => socket.send(data),
    close: (code, reason) => socket.close(code, reason),
  };
};

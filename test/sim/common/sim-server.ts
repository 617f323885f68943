// Start and close of a simulator's HTTP server on 127.0.0.1; /__sim requests go to the control API, the rest to the pool.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSimControl, isControlPath, type ControlledSim, type SimControlSpec } from './control-server';

/** What the pool's simulator object gets from the running server. */
export interface BoundServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface SimServerOptions<S extends ControlledSim> {
  /** default 0: any free port */
  port?: number | undefined;
  /** every request outside /__sim */
  handle: (req: IncomingMessage, res: ServerResponse, url: URL) => void;
  control: SimControlSpec<S>;
  /** the simulator's public object, once the port is known */
  build: (server: BoundServer) => S;
}

export async function startSimServer<S extends ControlledSim>(options: SimServerOptions<S>): Promise<S> {
  const started: { sim?: S } = {};
  const control = createSimControl(() => {
    if (!started.sim) throw new Error('simulator is still starting');
    return started.sim;
  }, options.control);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (isControlPath(url.pathname)) control(req, res, url);
    else options.handle(req, res, url);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const close = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      // hung requests, streams and keep-alive sockets would otherwise hold close() open
      server.closeAllConnections();
    });
  started.sim = options.build({ url: `http://127.0.0.1:${port}`, port, close });
  return started.sim;
}

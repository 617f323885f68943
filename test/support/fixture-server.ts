import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type FixtureHandler = (req: IncomingMessage, url: URL) => { status?: number; body?: string; headers?: Record<string, string> } | 'reset';

export interface FixtureServer {
  url: string;
  requests: Array<{ method: string; path: string; query: URLSearchParams; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

/** A loopback HTTP server answering from a route table: real sockets, answers chosen by the test. */
export async function startFixtureServer(routes: Record<string, FixtureHandler>): Promise<FixtureServer> {
  const requests: FixtureServer['requests'] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers });
    const handler = routes[url.pathname] ?? routes['*'];
    const answer = handler ? handler(req, url) : { status: 404, body: '{"status":404,"error":"Not Found"}' };
    if (answer === 'reset') {
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json', ...answer.headers });
    res.end(answer.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function fixture(pool: string, name: string): string {
  return readFileSync(join(__dirname, '..', 'fixtures', pool, name), 'utf8');
}

export const json = (body: string, status = 200) => () => ({ status, body });

import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the receiver answers one request: a status, a full answer, never ('hang'), or by dropping the connection. */
export type ReceiverAnswer = number | { status: number; headers?: Record<string, string>; body?: string } | 'hang' | 'reset';

export interface ReceivedRequest {
  method: string;
  /** Path with query, as sent. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Real time of arrival, for ordering checks. */
  atMs: number;
}

export interface WebhookReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Requests whose path (without query) is `path`. */
  requestsTo(path: string): ReceivedRequest[];
  /** Answers the next requests (to `path`, or to any path without its own script) in order, then `then` (default 200). */
  answer(sequence: ReceiverAnswer[], options?: { path?: string; then?: ReceiverAnswer }): void;
  /** Resolves once `count` requests (to `path`, if given) have arrived. */
  waitForRequests(count: number, options?: { path?: string; timeoutMs?: number }): Promise<void>;
  /** Responses currently held by 'hang'. */
  readonly hanging: number;
  close(): Promise<void>;
}

interface Script {
  sequence: ReceiverAnswer[];
  then: ReceiverAnswer;
}

const ANY = '*';

/** A real HTTP server on 127.0.0.1 that records every request and answers as the test scripted. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const scripts = new Map<string, Script>();
  const held = new Set<ServerResponse>();

  const nextAnswer = (path: string): ReceiverAnswer => {
    const script = scripts.get(path) ?? scripts.get(ANY);
    if (!script) return 200;
    return script.sequence.shift() ?? script.then;
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), atMs: Date.now() });
      const answer = nextAnswer(path.split('?')[0] ?? path);
      if (answer === 'reset') {
        req.socket.destroy();
        return;
      }
      if (answer === 'hang') {
        held.add(res);
        res.on('close', () => held.delete(res));
        return;
      }
      const { status, headers, body } = typeof answer === 'number' ? { status: answer, headers: {}, body: undefined } : answer;
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(body ?? (status < 300 ? '{"ok":true}' : `{"ok":false,"error_code":${status}}`));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const matching = (path: string | undefined): ReceivedRequest[] =>
    path === undefined ? requests : requests.filter((request) => request.path.split('?')[0] === path);

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsTo: (path) => matching(path),
    answer: (sequence, options = {}) => {
      scripts.set(options.path ?? ANY, { sequence: [...sequence], then: options.then ?? 200 });
    },
    waitForRequests: async (count, options = {}) => {
      const deadline = Date.now() + (options.timeoutMs ?? 10_000);
      while (matching(options.path).length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} requests${options.path ? ` to ${options.path}` : ''}, got ${matching(options.path).length}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    get hanging() {
      return held.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback URL where nothing listens: connecting to it is refused. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

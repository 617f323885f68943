// A loopback server for the Spider adapter's contract tests: like test/support/fixture-server.ts, but it reads
// each POST body first (the signed envelope), so a route can answer by the parameters and a test can check signatures.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readRequestBody } from '../common/http-io';
import { isRecord } from '../common/json-shape';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** the envelope as sent, when the body was a JSON object */
  body: Record<string, unknown> | null;
  /** dataJson parsed, when it was a JSON object */
  params: Record<string, unknown>;
}

export interface RecordedAnswer {
  status?: number;
  body?: string;
  /** no Date header is sent unless given here, so clock advice is deterministic */
  headers?: Record<string, string>;
}

export type RecordingHandler = (request: RecordedRequest) => RecordedAnswer | 'reset';

export interface RecordingServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return isRecord(value) ? value : null;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export async function startRecordingServer(routes: Record<string, RecordingHandler>): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    res.sendDate = false;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    readRequestBody(req)
      .then((rawBody) => {
        const body = asRecord(parse(rawBody));
        const params = typeof body?.dataJson === 'string' ? (asRecord(parse(body.dataJson)) ?? {}) : {};
        const request: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, headers: req.headers, rawBody, body, params };
        requests.push(request);
        const handler = routes[url.pathname] ?? routes['*'];
        const answer = handler ? handler(request) : { status: 404, body: '{"status":404,"error":"Not Found"}' };
        if (answer === 'reset') {
          req.socket.destroy();
          return;
        }
        res.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json', ...answer.headers });
        res.end(answer.body ?? '');
      })
      .catch(() => req.socket.destroy());
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

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Worker, AccountSummary } from '../../shared/model';
import { buildSnapshotJson } from '../engine/snapshot-json';
import { buildAlertsJson } from '../alerts/alerts-json';
import { AlertHistoryQuerySchema } from '../../shared/contract';
import type { MonitorService } from '../base/ui-events';
import type { Logger } from '../base/logger';
import type { PollObservation } from '../base/poll-observation';
import {
  addressPolicy,
  bearerToken,
  isAllowedHost,
  isAllowedOrigin,
  tokenFromProtocols,
  tokensMatch,
  WS_PROTOCOL,
} from './request-guard';
import { bindAddress, hostNamesFor, isLoopbackAddress, LOOPBACK_HOST, printedHost } from './listen-address';
import { createPrometheusMetrics } from './prometheus-metrics';
import { decodeUrlPath, readStaticFile } from './static-files';
import { runWsSession } from './ws-session';
import { redactingLogger, watchConnectionErrors } from './socket-errors';
import { newAccessToken } from './token-file';
import { hasSessionCookie, sessionCookieHeader, sessionCookieValue } from './session-cookie';

/** The same policy as the renderer's meta tag, sent as a header too. */
export const HEADLESS_CSP =
  "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** WebSocket close code telling the browser its token was refused. */
export const WS_CLOSE_BAD_TOKEN = 4401;

/** The backend this server serves: the contract (requests, events) plus the lists /api/snapshot and /metrics read. */
export interface ServedBackend extends MonitorService {
  workersOf(accountId: string): readonly Worker[];
  summaries(): AccountSummary[];
  /** Every poll's outcome (the metrics' poll durations and failures); returns the function that stops. */
  onPolled(observer: (observation: PollObservation) => void): () => void;
}

export interface HeadlessServerOptions {
  monitor: ServedBackend;
  /** Folder of the built renderer (index.html, app.js, styles.css). */
  staticDir: string;
  port?: number;
  /** Address to listen on (default 127.0.0.1). Beyond loopback every request needs the token, the UI's files too. */
  host?: string;
  /** PEM certificate and key: HTTPS instead of HTTP. */
  tls?: { cert: Buffer | string; key: Buffer | string };
  token?: string;
  /** Per-worker series on /metrics (30,000 workers are 30,000 series and more). */
  metricsWorkers?: boolean;
  logger: Logger;
  now?: () => number;
}

export interface HeadlessServer {
  port: number;
  token: string;
  /**
   * The address to open in a browser. On loopback it carries the token in the fragment, which browsers never send;
   * beyond loopback in the query, which the server swaps for a session cookie and a fragment at once.
   */
  url: string;
  /** True when the server listens beyond loopback. */
  exposed: boolean;
  close(): Promise<void>;
}

function reply(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': HEADLESS_CSP,
    'Referrer-Policy': 'no-referrer',
  });
  res.end(body);
}

/** Whether the request came over TLS (a cookie set then must be Secure). */
function isTls(req: IncomingMessage): boolean {
  return (req.socket as { encrypted?: boolean }).encrypted === true;
}

/** Answers an upgrade we will not take and closes the socket fully: the HTTP server allows half-open sockets. */
function refuseUpgrade(socket: Duplex, status: string): void {
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function unauthorized(res: ServerResponse): void {
  reply(res, 401, JSON.stringify({ error: 'unauthorized', message: 'Send Authorization: Bearer <token> as printed by poolwatch serve.' }), 'application/json');
}

/** Serves the UI, the contract and /metrics behind a token: on 127.0.0.1 unless another address is asked for. */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const token = options.token ?? newAccessToken();
  const now = options.now ?? Date.now;
  const { monitor } = options;
  // Every line this server logs passes through here, so the token cannot reach the log whatever a message quotes.
  const logger = redactingLogger(options.logger, [token, sessionCookieValue(token)]);
  const host = options.host ?? LOOPBACK_HOST;
  const exposed = !isLoopbackAddress(host);
  let port = 0;
  let policy = addressPolicy(0, [], options.tls !== undefined);
  const metrics = createPrometheusMetrics(
    {
      summaries: () => monitor.summaries(),
      workersOf: (id) => monitor.workersOf(id),
      activeAlerts: () => monitor.requests['alerts:active']({}),
      onPolled: (observer) => monitor.onPolled(observer),
    },
    { perWorker: options.metricsWorkers ?? false },
  );

  /** The request target as a URL, or null when it does not parse (answered 400, never thrown). */
  const targetOf = (req: IncomingMessage): URL | null => {
    try {
      return new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      return null;
    }
  };

  /** The bearer token, or this server's session cookie (a browser that opened the link before). */
  const signedIn = (req: IncomingMessage): boolean => tokensMatch(token, bearerToken(req.headers)) || hasSessionCookie(req.headers, port, token);

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers, policy) || !isAllowedOrigin(req.headers, policy)) {
      reply(res, 403, `Forbidden: PoolWatch answers only to its own ${exposed ? '' : 'loopback '}address.`);
      return;
    }
    const url = targetOf(req);
    if (!url) {
      reply(res, 400, 'Bad request: the request target is not a valid URL.');
      return;
    }
    if (url.pathname === '/metrics') {
      if (!tokensMatch(token, bearerToken(req.headers))) {
        unauthorized(res);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        reply(res, 405, 'Method not allowed');
        return;
      }
      reply(res, 200, await metrics.render(), metrics.contentType);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (!signedIn(req)) {
        unauthorized(res);
        return;
      }
      if (url.pathname === '/api/session') {
        // The page trades the token from its link for the session cookie (and a signed-in tab renews it).
        if (req.method !== 'POST') {
          reply(res, 405, 'Method not allowed');
          return;
        }
        res.writeHead(204, { 'Set-Cookie': sessionCookieHeader(port, token, isTls(req)), 'Cache-Control': 'no-store' });
        res.end();
        return;
      }
      if (req.method === 'GET' && url.pathname === '/api/snapshot') {
        const withWorkers = url.searchParams.get('workers') === '1' || url.searchParams.get('workers') === 'true';
        const snapshot = buildSnapshotJson(now(), monitor.summaries(), withWorkers ? (id) => monitor.workersOf(id) : undefined);
        reply(res, 200, JSON.stringify(snapshot), 'application/json');
        return;
      }
      if (req.method === 'GET' && url.pathname === '/api/alerts') {
        const query = AlertHistoryQuerySchema.safeParse({
          ...(url.searchParams.get('account') ? { accountId: url.searchParams.get('account') } : {}),
          ...(url.searchParams.get('rule') ? { ruleId: url.searchParams.get('rule') } : {}),
          ...(url.searchParams.get('from') ? { from: url.searchParams.get('from') } : {}),
          ...(url.searchParams.get('to') ? { to: url.searchParams.get('to') } : {}),
          ...(url.searchParams.get('limit') ? { limit: Number(url.searchParams.get('limit')) } : {}),
        });
        if (!query.success) {
          reply(res, 400, JSON.stringify({ error: 'bad_request', message: 'Use account, rule, from, to (ISO) and limit (1-5000).' }), 'application/json');
          return;
        }
        const entries = await monitor.requests['alerts:history'](query.data);
        reply(res, 200, JSON.stringify(buildAlertsJson(entries)), 'application/json');
        return;
      }
      reply(res, 404, JSON.stringify({ error: 'not_found' }), 'application/json');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      reply(res, 405, 'Method not allowed');
      return;
    }
    if (exposed && !admitBrowser(req, res, url)) return;
    const path = decodeUrlPath(url.pathname);
    if (path === null) {
      reply(res, 400, 'Bad request: the path has a malformed percent-encoding.');
      return;
    }
    const file = await readStaticFile(options.staticDir, path);
    if (!file) {
      reply(res, 404, 'Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': file.type,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': HEADLESS_CSP,
      'Referrer-Policy': 'no-referrer',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  /**
   * Beyond loopback the UI's files need the token too. The printed address carries it in the query once: it is
   * swapped for an HttpOnly session cookie and a redirect to the fragment the page reads (for its WebSocket).
   * Returns true when the request may go on.
   */
  function admitBrowser(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    const offered = url.searchParams.get('token');
    if (offered !== null && tokensMatch(token, offered)) {
      res.writeHead(303, {
        Location: `/#token=${token}`,
        'Set-Cookie': sessionCookieHeader(port, token, options.tls !== undefined),
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
      });
      res.end();
      return false;
    }
    if (signedIn(req)) return true;
    reply(res, 401, 'Unauthorized: open the address poolwatch serve printed; it carries the access token.');
    return false;
  }

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    handleHttp(req, res).catch((error: Error) => {
      logger.error(`headless: ${req.method} failed: ${error.message}`);
      if (!res.headersSent) reply(res, 500, 'Internal error');
    });
  };
  const server = options.tls ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, handler) : createServer(handler);

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 1024 * 1024,
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });

  server.on('upgrade', (req, socket: Duplex, head: Buffer) => {
    // Node hands the raw socket over without its error listener: a reset here must not become an uncaught error.
    const watchWebSocket = watchConnectionErrors(socket, logger);
    try {
      const url = targetOf(req);
      if (!url || decodeUrlPath(url.pathname) === null) {
        refuseUpgrade(socket, '400 Bad Request');
        return;
      }
      if (url.pathname !== '/ws' || !isAllowedHost(req.headers, policy) || !isAllowedOrigin(req.headers, policy)) {
        refuseUpgrade(socket, '403 Forbidden');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        watchWebSocket(ws);
        const presented = tokenFromProtocols(req.headers) ?? bearerToken(req.headers);
        if (!tokensMatch(token, presented) && !hasSessionCookie(req.headers, port, token)) {
          // Accept-then-close lets the browser tell "bad token" from "server down".
          ws.close(WS_CLOSE_BAD_TOKEN, 'invalid token');
          return;
        }
        runWsSession(ws, monitor, logger);
      });
    } catch (error) {
      logger.error(`headless: an upgrade request failed: ${(error as Error).message}`);
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindAddress(host), () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  policy = addressPolicy(port, hostNamesFor(host), options.tls !== undefined);
  // After listening, a server error (e.g. out of file descriptors on accept) is logged; it must not end the process.
  server.on('error', (error: Error) => logger.error(`headless: the server reported: ${error.message}`));

  const origin = `${options.tls ? 'https' : 'http'}://${printedHost(host)}:${port}`;
  return {
    port,
    token,
    url: exposed ? `${origin}/?token=${token}` : `${origin}/#token=${token}`,
    exposed,
    close: async () => {
      metrics.close();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

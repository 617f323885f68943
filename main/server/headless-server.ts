import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Worker, AccountSummary } from '../../shared/model';
import { buildSnapshotJson } from '../engine/snapshot-json';
import { buildAlertsJson } from '../alerts/alerts-json';
import { AlertHistoryQuerySchema } from '../../shared/contract';
import type { MonitorService } from '../base/ui-events';
import type { Logger } from '../base/logger';
import {
  bearerToken,
  isAllowedHost,
  isAllowedOrigin,
  tokenFromProtocols,
  tokensMatch,
  WS_PROTOCOL,
} from './request-guard';
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

/** The backend this server serves: the contract (requests, events) plus the lists /api/snapshot reads. */
export interface ServedBackend extends MonitorService {
  workersOf(accountId: string): readonly Worker[];
  summaries(): AccountSummary[];
}

export interface HeadlessServerOptions {
  monitor: ServedBackend;
  /** Folder of the built renderer (index.html, app.js, styles.css). */
  staticDir: string;
  port?: number;
  token?: string;
  logger: Logger;
  now?: () => number;
}

export interface HeadlessServer {
  port: number;
  token: string;
  /** The address to open in a browser; carries the token in the fragment, which browsers never send. */
  url: string;
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

/** Serves the UI and the contract on 127.0.0.1 only, behind a random token. */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const token = options.token ?? newAccessToken();
  const now = options.now ?? Date.now;
  const { monitor } = options;
  // Every line this server logs passes through here, so the token cannot reach the log whatever a message quotes.
  const logger = redactingLogger(options.logger, [token, sessionCookieValue(token)]);
  let port = 0;

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
    if (!isAllowedHost(req.headers, port) || !isAllowedOrigin(req.headers, port)) {
      reply(res, 403, 'Forbidden: PoolWatch answers only to its own loopback address.');
      return;
    }
    const url = targetOf(req);
    if (!url) {
      reply(res, 400, 'Bad request: the request target is not a valid URL.');
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (!signedIn(req)) {
        reply(res, 401, JSON.stringify({ error: 'unauthorized', message: 'Send Authorization: Bearer <token> as printed by poolwatch serve.' }), 'application/json');
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

  const server = createServer((req, res) => {
    handleHttp(req, res).catch((error: Error) => {
      logger.error(`headless: ${req.method} failed: ${error.message}`);
      if (!res.headersSent) reply(res, 500, 'Internal error');
    });
  });

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
      if (url.pathname !== '/ws' || !isAllowedHost(req.headers, port) || !isAllowedOrigin(req.headers, port)) {
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
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  // After listening, a server error (e.g. out of file descriptors on accept) is logged; it must not end the process.
  server.on('error', (error: Error) => logger.error(`headless: the server reported: ${error.message}`));

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

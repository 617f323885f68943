// A local simulator of the ntfy server's publish and subscribe API (https://docs.ntfy.sh/publish/, /subscribe/api/):
// POST/PUT /<topic> publishes (headers Title, Priority, Tags, Actions), GET /<topic>/json streams newline-delimited
// JSON events (open, message, keepalive) with ?since=<id> or ?since=<unix seconds> (messages at or after it). The "phone" presses an http action button for real.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface NtfyAction {
  action: string;
  label: string;
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  clear: boolean;
}

export interface NtfyMessage {
  id: string;
  time: number;
  topic: string;
  message: string;
  title: string | null;
  actions: NtfyAction[];
  /** Every header as received (lower-case names). */
  headers: Record<string, string>;
}

export interface NtfySimOptions {
  /** When set, every publish and subscribe needs "Authorization: Bearer <token>". */
  accessToken?: string;
}

export interface NtfySim {
  url: string;
  messages: NtfyMessage[];
  /** Requests by method and path (paths hold topics: the test's own view, never logged by PoolWatch). */
  requests: Array<{ method: string; path: string }>;
  /** Open subscriptions per topic. */
  subscribers(topic: string): number;
  /** Presses a message's button as the ntfy app does: its http action, sent for real. Returns the HTTP status. */
  press(message: NtfyMessage, label: string): Promise<number>;
  /** Writes a raw line to every subscriber of the topic (a malformed or foreign event). */
  injectLine(topic: string, line: string): void;
  /** Ends every subscription of a topic, as a server restart would. */
  dropSubscribers(topic: string): void;
  /** While true, every new subscription is refused with HTTP 503 (a server restarting); publishing still works. */
  refuseSubscriptions(refuse: boolean): void;
  close(): Promise<void>;
}

/** The short "action, label, url, key=value, ..." form of the Actions header; the simulator needs no quoting. */
export function parseActionsHeader(header: string): NtfyAction[] {
  return header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [action = '', label = '', url = '', ...params] = part.split(',').map((field) => field.trim());
      const parsed: NtfyAction = { action, label, url, method: 'POST', headers: {}, body: '', clear: false };
      for (const param of params) {
        const eq = param.indexOf('=');
        const key = param.slice(0, eq);
        const value = param.slice(eq + 1);
        if (key === 'method') parsed.method = value;
        else if (key === 'body') parsed.body = value;
        else if (key === 'clear') parsed.clear = value === 'true';
        else if (key.startsWith('headers.')) parsed.headers[key.slice('headers.'.length)] = value;
      }
      return parsed;
    });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function headerMap(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers[name] = value;
  return headers;
}

export async function startNtfySim(options: NtfySimOptions = {}): Promise<NtfySim> {
  const messages: NtfyMessage[] = [];
  const requests: NtfySim['requests'] = [];
  const streams = new Map<string, Set<ServerResponse>>();
  let refusing = false;

  const authorized = (request: IncomingMessage): boolean => !options.accessToken || request.headers.authorization === `Bearer ${options.accessToken}`;
  // As ntfy reads it: all digits is a Unix time (messages at or after it), anything else a message id (those after it).
  const messagesSince = (since: string): NtfyMessage[] => {
    if (/^\d+$/.test(since)) return messages.filter((message) => message.time >= Number(since));
    return messages.slice(messages.findIndex((message) => message.id === since) + 1);
  };
  const event = (message: NtfyMessage): string =>
    `${JSON.stringify({ id: message.id, time: message.time, event: 'message', topic: message.topic, message: message.message, ...(message.title ? { title: message.title } : {}) })}\n`;

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://sim');
      const method = request.method ?? 'GET';
      requests.push({ method, path: url.pathname });
      if (!authorized(request)) {
        response.writeHead(403, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code: 40301, http: 403, error: 'forbidden' }));
        return;
      }
      const subscribe = /^\/([A-Za-z0-9_-]{1,64})\/json$/.exec(url.pathname);
      if (method === 'GET' && subscribe && refusing) {
        response.writeHead(503, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code: 50301, http: 503, error: 'service unavailable' }));
        return;
      }
      if (method === 'GET' && subscribe) {
        const topic = subscribe[1] as string;
        response.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8' });
        response.write(`${JSON.stringify({ id: randomBytes(6).toString('hex'), time: Math.floor(Date.now() / 1000), event: 'open', topic })}\n`);
        const since = url.searchParams.get('since');
        if (since) for (const message of messagesSince(since)) if (message.topic === topic) response.write(event(message));
        const set = streams.get(topic) ?? new Set<ServerResponse>();
        set.add(response);
        streams.set(topic, set);
        response.on('close', () => set.delete(response));
        return;
      }
      const publish = /^\/([A-Za-z0-9_-]{1,64})$/.exec(url.pathname);
      if ((method === 'POST' || method === 'PUT') && publish) {
        const body = await readBody(request);
        const headers = headerMap(request);
        const message: NtfyMessage = {
          id: randomBytes(6).toString('hex'),
          time: Math.floor(Date.now() / 1000),
          topic: publish[1] as string,
          message: body,
          title: headers.title ?? null,
          actions: headers.actions ? parseActionsHeader(headers.actions) : [],
          headers,
        };
        messages.push(message);
        for (const stream of streams.get(message.topic) ?? []) stream.write(event(message));
        response.writeHead(200, { 'Content-Type': 'application/json' }).end(event(message));
        return;
      }
      response.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ code: 40401, http: 404, error: 'page not found' }));
    })().catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    messages,
    requests,
    subscribers: (topic) => streams.get(topic)?.size ?? 0,
    press: async (message, label) => {
      const action = message.actions.find((candidate) => candidate.label === label);
      if (!action) throw new Error(`the message has no button "${label}" (it has: ${message.actions.map((a) => a.label).join(', ')})`);
      const response = await fetch(action.url, { method: action.method, headers: action.headers, body: action.body });
      await response.text();
      return response.status;
    },
    injectLine: (topic, line) => {
      for (const stream of streams.get(topic) ?? []) stream.write(`${line}\n`);
    },
    dropSubscribers: (topic) => {
      for (const stream of streams.get(topic) ?? []) stream.destroy();
      streams.get(topic)?.clear();
    },
    refuseSubscriptions: (refuse) => {
      refusing = refuse;
    },
    close: async () => {
      for (const set of streams.values()) for (const stream of set) stream.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

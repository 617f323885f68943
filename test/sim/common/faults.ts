// Fault injection shared by the pool simulators: rules are matched by path prefix and
// consumed per request; respondWithFault turns a taken fault into bytes on the wire.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { renderBody, writeSimResponse, type JsonSerializer, type SimResponse } from './http-io';
import { isRecord, numbersToStrings } from './json-shape';

export type MalformedVariant = 'invalid-json' | 'wrong-types' | 'missing-fields' | 'html' | 'huge' | 'truncated';

export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'rate-limit'; retryAfterSec: number; /** the Retry-After header as sent, instead of retryAfterSec (an HTTP date, an absurd number) */ retryAfter?: string }
  | { kind: 'malformed'; variant: MalformedVariant }
  | { kind: 'reset' }
  | { kind: 'hang' }
  /** an error answer quoting the whole request (URL, headers, body) after `padding` characters of text, as careless servers do */
  | { kind: 'echo'; status: number; padding: number; alignSecret?: EchoAlignment }
  /** the normal answer with every match of `pattern` (a regular expression over the body text) replaced */
  | { kind: 'patch'; pattern: string; replacement: string }
  /** runs test code (e.g. changes the world between two pages), then answers normally; in-process only */
  | { kind: 'hook'; run: () => void };

/** Pads an echo so the first of `secrets` found in the request starts `at` characters into the error text. */
export interface EchoAlignment {
  secrets: string[];
  at: number;
}

export interface FaultRule {
  fault: Fault;
  pathPrefix?: string;
  /** how many requests the rule applies to; default Infinity */
  remaining?: number;
}

export interface FaultController {
  add(rule: FaultRule): void;
  clear(): void;
  /** internal: consumes one use of the first rule matching the path */
  take(path: string): Fault | null;
}

const MALFORMED_VARIANTS: readonly MalformedVariant[] = ['invalid-json', 'wrong-types', 'missing-fields', 'html', 'huge', 'truncated'];

export function createFaultController(): FaultController {
  let rules: Array<{ fault: Fault; pathPrefix: string; remaining: number }> = [];
  return {
    add(rule) {
      // a hook holds a function, so it never comes from a control endpoint and needs no validation
      const checked = rule.fault.kind === 'hook' ? rule : parseFaultRule(rule);
      rules.push({ fault: checked.fault, pathPrefix: checked.pathPrefix ?? '', remaining: checked.remaining ?? Infinity });
    },
    clear() {
      rules = [];
    },
    take(path) {
      const index = rules.findIndex((rule) => path.startsWith(rule.pathPrefix));
      const rule = rules[index];
      if (!rule) return null;
      rule.remaining -= 1;
      if (rule.remaining <= 0) rules.splice(index, 1);
      return rule.fault;
    },
  };
}

/** Validates an untrusted rule (e.g. from a control endpoint); throws Error with a readable message. */
export function parseFaultRule(input: unknown): FaultRule {
  if (!isRecord(input)) throw new Error('fault rule must be an object');
  const fault = parseFault(input.fault);
  const rule: FaultRule = { fault };
  if (input.pathPrefix !== undefined && input.pathPrefix !== null) {
    if (typeof input.pathPrefix !== 'string') throw new Error('pathPrefix must be a string');
    rule.pathPrefix = input.pathPrefix;
  }
  if (input.remaining !== undefined && input.remaining !== null) {
    const remaining = input.remaining;
    const valid = remaining === Infinity || (typeof remaining === 'number' && Number.isInteger(remaining) && remaining > 0);
    if (!valid) throw new Error('remaining must be a positive integer');
    rule.remaining = remaining as number;
  }
  return rule;
}

function parseFault(input: unknown): Fault {
  if (!isRecord(input)) throw new Error('fault must be an object with a kind');
  switch (input.kind) {
    case 'latency':
      return { kind: 'latency', ms: requireNumber(input.ms, 'latency ms', 0, 600_000) };
    case 'status': {
      const status = requireNumber(input.status, 'status', 100, 599);
      if (input.body !== undefined && typeof input.body !== 'string') throw new Error('status body must be a string');
      return input.body === undefined ? { kind: 'status', status } : { kind: 'status', status, body: input.body };
    }
    case 'rate-limit': {
      const retryAfterSec = requireNumber(input.retryAfterSec, 'retryAfterSec', 0, 86_400);
      if (input.retryAfter === undefined) return { kind: 'rate-limit', retryAfterSec };
      if (typeof input.retryAfter !== 'string') throw new Error('retryAfter must be a string (the header as sent)');
      return { kind: 'rate-limit', retryAfterSec, retryAfter: input.retryAfter };
    }
    case 'malformed': {
      const variant = MALFORMED_VARIANTS.find((known) => known === input.variant);
      if (!variant) throw new Error(`malformed variant must be one of ${MALFORMED_VARIANTS.join(', ')}`);
      return { kind: 'malformed', variant };
    }
    case 'reset':
      return { kind: 'reset' };
    case 'hang':
      return { kind: 'hang' };
    case 'echo': {
      const echo = { kind: 'echo' as const, status: requireNumber(input.status, 'status', 100, 599), padding: requireNumber(input.padding, 'padding', 0, 100_000) };
      const align = input.alignSecret;
      if (align === undefined) return echo;
      if (!isRecord(align) || !Array.isArray(align.secrets) || !align.secrets.every((secret) => typeof secret === 'string')) {
        throw new Error('alignSecret needs secrets (strings) and at');
      }
      return { ...echo, alignSecret: { secrets: align.secrets as string[], at: requireNumber(align.at, 'alignSecret.at', 0, 100_000) } };
    }
    case 'patch': {
      if (typeof input.pattern !== 'string' || typeof input.replacement !== 'string') throw new Error('patch needs a pattern and a replacement string');
      new RegExp(input.pattern, 'g');
      return { kind: 'patch', pattern: input.pattern, replacement: input.replacement };
    }
    default:
      throw new Error('fault kind must be latency, status, rate-limit, malformed, reset, hang, echo or patch');
  }
}

function requireNumber(value: unknown, label: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${label} must be an integer in ${min}..${max}`);
  }
  return value;
}

export interface FaultResponseOptions {
  serialize: JsonSerializer;
  /** pool-specific: the normal JSON body with types broken (e.g. hashrate arrays as strings) */
  wrongTypes?: (body: unknown) => unknown;
  /** pool-specific: the normal JSON body with required fields removed */
  missingFields?: (body: unknown) => unknown;
  /** pool-specific error body for status and rate-limit faults without an explicit body */
  errorResponse?: (status: number) => SimResponse;
  /** size of the 'huge' body; default 50 MiB */
  hugeBytes?: number;
}

/**
 * Sends the normal response (built lazily by produce) or the fault instead.
 * Resolves when the response is written, abandoned (reset, hang) or the client went away.
 */
export async function respondWithFault(
  fault: Fault | null,
  req: IncomingMessage,
  res: ServerResponse,
  produce: () => SimResponse | Promise<SimResponse>,
  options: FaultResponseOptions,
): Promise<void> {
  const { serialize } = options;
  if (!fault) {
    writeSimResponse(res, await produce(), serialize);
    return;
  }
  switch (fault.kind) {
    case 'latency': {
      const stillOpen = await delayUnlessClosed(fault.ms, res);
      if (stillOpen) writeSimResponse(res, await produce(), serialize);
      return;
    }
    case 'status': {
      const response = fault.body === undefined ? errorResponse(fault.status, options) : { status: fault.status, rawBody: fault.body, headers: { 'Content-Type': guessContentType(fault.body) } };
      writeSimResponse(res, { ...response, status: fault.status }, serialize);
      return;
    }
    case 'rate-limit': {
      const response = errorResponse(429, options);
      writeSimResponse(res, { ...response, status: 429, headers: { ...response.headers, 'Retry-After': fault.retryAfter ?? String(fault.retryAfterSec) } }, serialize);
      return;
    }
    case 'malformed':
      await respondMalformed(fault.variant, res, await produce(), options);
      return;
    case 'reset':
      req.socket.destroy();
      return;
    case 'hang':
      // never answer; the simulator's close() destroys the socket
      req.resume();
      return;
    case 'patch': {
      const normal = await produce();
      const text = (renderBody(normal, serialize) ?? '').replace(new RegExp(fault.pattern, 'g'), fault.replacement);
      writeSimResponse(res, { status: normal.status, headers: { 'Content-Type': 'application/json', ...normal.headers }, rawBody: text }, serialize);
      return;
    }
    case 'hook':
      fault.run();
      writeSimResponse(res, await produce(), serialize);
      return;
    case 'echo': {
      const dump = await describeRequest(req);
      const text = `Bad request ${'.'.repeat(echoPadding(fault, dump))} ${dump}`;
      // every field a pool client reads its error text from: message (SBI, Stratumsphere, WebMinePool), msg (Spider)
      const body = { success: false, code: 'ECHO', msg: text, message: text, error: text };
      writeSimResponse(res, { status: fault.status, body }, serialize);
      return;
    }
  }
}

/** The padding asked for, or the one that puts the first secret of the request `alignSecret.at` characters in. */
function echoPadding(fault: Extract<Fault, { kind: 'echo' }>, dump: string): number {
  if (!fault.alignSecret) return fault.padding;
  const forms = fault.alignSecret.secrets.flatMap((secret) => [secret, encodeURIComponent(secret)]).filter((form) => form !== '');
  const found = forms.map((form) => dump.indexOf(form)).filter((index) => index >= 0);
  if (found.length === 0) return fault.padding;
  const before = 'Bad request '.length + 1 + Math.min(...found);
  return Math.max(0, fault.alignSecret.at - before);
}

/** The request as a careless server would quote it back: method, URL, the body, every header. */
async function describeRequest(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = Object.entries(req.headers).map(([name, value]) => `${name}: ${String(value)}`).join('; ');
  return `${req.method ?? 'GET'} ${req.url ?? '/'} body ${Buffer.concat(chunks).toString('utf8')} headers {${headers}}`;
}

function errorResponse(status: number, options: FaultResponseOptions): SimResponse {
  if (options.errorResponse) return options.errorResponse(status);
  return { status, body: { status, error: STATUS_CODES[status] ?? 'Error' } };
}

function guessContentType(body: string): string {
  const start = body.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return 'application/json';
  if (start.startsWith('<')) return 'text/html;charset=UTF-8';
  return 'text/plain;charset=UTF-8';
}

async function respondMalformed(variant: MalformedVariant, res: ServerResponse, normal: SimResponse, options: FaultResponseOptions): Promise<void> {
  const { serialize } = options;
  const status = normal.status === 204 ? 200 : normal.status;
  const normalText = renderBody(normal, serialize) ?? '';
  const jsonHeaders = { ...normal.headers, 'Content-Type': normal.headers?.['Content-Type'] ?? 'application/json' };
  switch (variant) {
    case 'invalid-json':
      writeSimResponse(res, { status, headers: jsonHeaders, rawBody: breakJson(normalText) }, serialize);
      return;
    case 'wrong-types': {
      const mutate = options.wrongTypes ?? numbersToStrings;
      writeSimResponse(res, { status, headers: jsonHeaders, rawBody: JSON.stringify(mutate(plainJson(normal.body))) }, serialize);
      return;
    }
    case 'missing-fields': {
      const mutate = options.missingFields ?? dropTopLevelFields;
      writeSimResponse(res, { status, headers: jsonHeaders, rawBody: JSON.stringify(mutate(plainJson(normal.body))) }, serialize);
      return;
    }
    case 'html':
      writeSimResponse(res, { status: 200, headers: { 'Content-Type': 'text/html;charset=UTF-8' }, rawBody: MAINTENANCE_PAGE }, serialize);
      return;
    case 'truncated':
      writeTruncated(res, status, jsonHeaders, normalText.length > 1 ? normalText : '{"content":[]}');
      return;
    case 'huge':
      await streamHugeJson(res, options.hugeBytes ?? 50 * 1024 * 1024);
      return;
  }
}

/** A trailing comma before the final bracket: complete HTTP response, unparseable body. */
function breakJson(text: string): string {
  if (text.length === 0) return '{';
  return `${text.slice(0, -1)},${text.slice(-1)}`;
}

function plainJson(body: unknown): unknown {
  return body === undefined ? {} : JSON.parse(JSON.stringify(body));
}

function dropTopLevelFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(() => ({}));
  return {};
}

function writeTruncated(res: ServerResponse, status: number, headers: Record<string, string>, text: string): void {
  const full = Buffer.from(text);
  res.writeHead(status, { ...headers, 'Content-Length': String(full.length) });
  // promise a full body, deliver half, then drop the connection
  res.write(full.subarray(0, Math.floor(full.length / 2)), () => res.destroy());
}

async function streamHugeJson(res: ServerResponse, totalBytes: number): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  const item = '{"name":"padding-worker","state":"ONLINE","lastShareTime":"2021-09-17T10:04:49.000+00:00","hashrates":[1.0E7,1.0E7,1.0E7]},';
  const chunk = item.repeat(Math.max(1, Math.floor(65_536 / item.length)));
  let written = 0;
  const open = '{"content":[';
  res.write(open);
  written += open.length;
  while (written < totalBytes) {
    if (res.destroyed) return;
    const piece = written + chunk.length > totalBytes ? item.repeat(Math.max(1, Math.ceil((totalBytes - written) / item.length))) : chunk;
    written += piece.length;
    if (!res.write(piece)) {
      const drained = await waitForDrainOrClose(res);
      if (!drained) return;
    }
  }
  res.end('{"name":"last"}]}');
}

function waitForDrainOrClose(res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const onDrain = (): void => finish(true);
    const onClose = (): void => finish(false);
    const finish = (drained: boolean): void => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(drained && !res.destroyed);
    };
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

function delayUnlessClosed(ms: number, res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(!res.destroyed);
    }, ms);
    res.on('close', onClose);
  });
}

// served with 200, as captive portals and maintenance proxies do
const MAINTENANCE_PAGE = `<!DOCTYPE html>
<html><head><title>Service temporarily unavailable</title></head>
<body><h1>We'll be back soon</h1><p>The service is undergoing scheduled maintenance.</p></body></html>
`;

// Minimal response model shared by the pool simulators, written to node:http at the end.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON value; serialized by the simulator's serializer */
  body?: unknown;
  /** pre-rendered body (CSV, HTML, raw text); wins over body */
  rawBody?: string;
}

export type JsonSerializer = (value: unknown) => string;

export class RequestBodyTooLargeError extends Error {}

export function readRequestBody(req: IncomingMessage, limitBytes = 1_048_576): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        reject(new RequestBodyTooLargeError(`request body over ${limitBytes} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function renderBody(response: SimResponse, serialize: JsonSerializer): string | undefined {
  if (response.rawBody !== undefined) return response.rawBody;
  if (response.body === undefined) return undefined;
  return serialize(response.body);
}

export function writeSimResponse(res: ServerResponse, response: SimResponse, serialize: JsonSerializer): void {
  if (res.destroyed || res.writableEnded) return;
  const text = renderBody(response, serialize);
  const headers: Record<string, string> = { ...response.headers };
  if (text !== undefined) {
    headers['Content-Type'] ??= response.rawBody !== undefined ? 'text/plain;charset=UTF-8' : 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(text));
  }
  res.writeHead(response.status, headers);
  res.end(text);
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** A 500 with the pool's error body, or a dropped connection when the answer had already started. */
export function sendInternalError(res: ServerResponse, body: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  writeSimResponse(res, { status: 500, body }, JSON.stringify);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

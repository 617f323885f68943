import type { KeyObject } from 'node:crypto';
import type { HttpClient, HttpResponse } from '../http-client';
import { PoolError } from '../../base/pool-error';
import { parseJsonBody, parseShape } from '../response-parsing';
import type { SpiderEndpoint } from './spider-endpoints';
import {
  authError,
  classifyFailure,
  missingSubaccountError,
  poolReason,
  refusedError,
  serverError,
  SPIDER_NAME,
} from './spider-errors';
import { envelopeSchema, type SpiderEnvelope } from './spider-schemas';
import { signSpiderRequest } from './spider-signing';

export interface SpiderClientOptions {
  http: HttpClient;
  baseUrl: string;
  accessKey: string;
  privateKey: KeyObject;
  /** Local time for request timestamps (PollContext.now). */
  now: () => number;
  signal?: AbortSignal | undefined;
}

/** A non-success answer the caller may handle itself; auth, server and transport failures always throw. */
export type SpiderOutcome<T> =
  | { ok: true; data: T }
  | { ok: false; kind: 'missing-subaccount' | 'refused'; code: string; reason: string; error: PoolError };

/** Signed POSTs to Spider, with both success conventions and every error shape turned into PoolError. */
export class SpiderClient {
  constructor(private readonly options: SpiderClientOptions) {}

  private url(path: string): string {
    return `${this.options.baseUrl.replace(/\/+$/, '')}${path}`;
  }

  /** Calls an endpoint; `subject` names the group for messages ("main (BTC)"). */
  async tryCall<T>(endpoint: SpiderEndpoint<T>, params: Readonly<Record<string, unknown>>, subject: string | null): Promise<SpiderOutcome<T>> {
    const { http, accessKey, privateKey, now, signal } = this.options;
    const label = subject ? `${endpoint.what} of ${subject}` : endpoint.what;
    const body = signSpiderRequest(params, accessKey, now(), privateKey);
    const response = await http.request(
      {
        method: 'POST',
        url: this.url(endpoint.path),
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      },
      signal,
    );
    const { status } = response;
    if (status === 401 || status === 403) {
      const envelope = looseEnvelope(response);
      const reason = poolReason(envelope?.msg ?? envelope?.message ?? `HTTP ${status}`, accessKey);
      throw authError(label, String(envelope?.code ?? status), reason, serverTime(response, envelope), now(), status);
    }
    if (status === 404 || status === 405) {
      throw new PoolError('pool_error', `${SPIDER_NAME} has no endpoint for ${endpoint.what} at this address (HTTP ${status}). Check the account's base URL.`, {
        httpStatus: status,
      });
    }
    if (status < 200 || status >= 300) {
      const envelope = looseEnvelope(response);
      const reason = poolReason(envelope?.msg ?? envelope?.message ?? `HTTP ${status}`, accessKey);
      throw refusedError(label, String(envelope?.code ?? `HTTP ${status}`), reason, status);
    }

    const envelope = parseShape(envelopeSchema, parseJsonBody(response, SPIDER_NAME, label), SPIDER_NAME, label);
    if (isSuccess(envelope)) {
      const plain = endpoint.plain?.(envelope.data);
      return { ok: true, data: plain !== undefined ? plain : parseShape(endpoint.answer, envelope, SPIDER_NAME, label).data };
    }
    const code = String(envelope.code ?? 'FAILED').trim() || 'FAILED';
    const reason = poolReason(envelope.msg ?? envelope.message, accessKey);
    switch (classifyFailure(code, reason)) {
      case 'auth':
        throw authError(label, code, reason, serverTime(response, envelope), now(), status);
      case 'server':
        throw serverError(label, code, reason, status);
      case 'missing-subaccount':
        return { ok: false, kind: 'missing-subaccount', code, reason, error: missingSubaccountError(label, code, reason, status) };
      case 'refused':
        return { ok: false, kind: 'refused', code, reason, error: refusedError(label, code, reason, status) };
    }
  }

  /** Calls an endpoint the poll cannot do without: every non-success answer throws. */
  async call<T>(endpoint: SpiderEndpoint<T>, params: Readonly<Record<string, unknown>>, subject: string | null): Promise<T> {
    const outcome = await this.tryCall(endpoint, params, subject);
    if (outcome.ok) return outcome.data;
    throw outcome.error;
  }
}

/** code "SUCCESS" (/v2/subaccount, /v2/worker) or code 200 with success true (/v2/sp); success false always fails. */
export function isSuccess(envelope: SpiderEnvelope): boolean {
  if (envelope.success === false) return false;
  const code = envelope.code === undefined || envelope.code === null ? '' : String(envelope.code).trim().toUpperCase();
  if (code === '') return envelope.success === true;
  return code === 'SUCCESS' || code === '200';
}

function looseEnvelope(response: HttpResponse): SpiderEnvelope | null {
  try {
    const parsed = envelopeSchema.safeParse(JSON.parse(response.text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The server's clock from `t` (/v2/sp answers) or else the Date header, for the clock-skew advice. */
export function serverTime(response: HttpResponse, envelope: SpiderEnvelope | null): number | null {
  const t = Number(envelope?.t);
  if (envelope?.t !== undefined && envelope.t !== null && Number.isFinite(t) && t > 0) return t < 1e11 ? t * 1000 : t;
  const date = response.headers.get('date');
  const parsed = date ? Date.parse(date) : NaN;
  return Number.isNaN(parsed) ? null : parsed;
}

// Reads and checks the signed envelope {dataJson, accessKey, timestamp, sign} before any route sees it.
import { isRecord } from '../common/json-shape';
import { badSignature, parameterError, staleTimestamp, unknownAccessKey } from './envelope';
import type { SpiderWorld } from './world';

export interface SignedRequest {
  accessKey: string;
  /** subaccount names the key may see */
  scope: readonly string[];
  /** dataJson, parsed */
  params: Record<string, unknown>;
}

/** Checks in the order a server would: shape, access key, timestamp window, signature, then the parameters. */
export function checkSignedRequest(world: SpiderWorld, rawBody: string): SignedRequest {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw parameterError();
  }
  if (!isRecord(body)) throw parameterError();
  const { dataJson, accessKey, timestamp, sign } = body;
  // the Python sample in the docs sends the timestamp as a string: accept both, sign the text as sent
  const timestampText = typeof timestamp === 'number' && Number.isSafeInteger(timestamp) ? String(timestamp) : typeof timestamp === 'string' && /^\d{1,16}$/.test(timestamp) ? timestamp : null;
  if (typeof dataJson !== 'string' || typeof accessKey !== 'string' || typeof sign !== 'string' || timestampText === null) throw parameterError();

  const scope = world.keys.scopeOf(accessKey);
  if (!scope) throw unknownAccessKey();
  if (Math.abs(Number(timestampText) - world.serverNow()) > world.timestampWindowMs) throw staleTimestamp();
  if (!world.keys.verify(accessKey, `${dataJson}|${timestampText}`, sign)) throw badSignature();

  let params: unknown;
  try {
    params = JSON.parse(dataJson);
  } catch {
    throw parameterError();
  }
  if (!isRecord(params)) throw parameterError();
  return { accessKey, scope, params };
}

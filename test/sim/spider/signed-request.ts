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
  const body = jsonObject(rawBody);
  const { dataJson, accessKey, timestamp, sign } = body;
  // the Python sample in the docs sends the timestamp as a string: accept both, sign the text as sent
  const timestampText = typeof timestamp === 'number' && Number.isSafeInteger(timestamp) ? String(timestamp) : typeof timestamp === 'string' && /^\d{1,16}$/.test(timestamp) ? timestamp : null;
  if (typeof dataJson !== 'string' || typeof accessKey !== 'string' || typeof sign !== 'string' || timestampText === null) throw parameterError();

  const scope = world.keys.scopeOf(accessKey);
  if (!scope) throw unknownAccessKey();
  if (Math.abs(Number(timestampText) - world.serverNow()) > world.timestampWindowMs) throw staleTimestamp();
  if (!world.keys.verify(accessKey, `${dataJson}|${timestampText}`, sign)) throw badSignature();

  return { accessKey, scope, params: jsonObject(dataJson) };
}

/** Anything but a JSON object is the pool's generic parameter error. */
function jsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw parameterError();
  }
  if (!isRecord(value)) throw parameterError();
  return value;
}

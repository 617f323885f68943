import { createSign, type KeyObject } from 'node:crypto';

/** The body of every Spider request (docs: "Unified request format"). */
export interface SpiderRequestBody {
  /** The parameters as a JSON string: the exact text that was signed. */
  dataJson: string;
  accessKey: string;
  /** Epoch milliseconds, a JSON number. */
  timestamp: number;
  /** base64 RSASSA-PKCS1-v1_5 with MD5 over UTF-8 `dataJson|timestamp`. */
  sign: string;
}

export function spiderSignature(dataJson: string, timestampMs: number, key: KeyObject): string {
  const signer = createSign('RSA-MD5');
  signer.update(`${dataJson}|${timestampMs}`, 'utf8');
  return signer.sign(key, 'base64');
}

/** Serialises the parameters once and signs that very string, so what is signed is what is sent. */
export function signSpiderRequest(params: Readonly<Record<string, unknown>>, accessKey: string, timestampMs: number, key: KeyObject): SpiderRequestBody {
  const dataJson = JSON.stringify(params);
  const timestamp = Math.trunc(timestampMs);
  return { dataJson, accessKey, timestamp, sign: spiderSignature(dataJson, timestamp, key) };
}

// Signed calls for tests that talk to the Spider simulator directly. Signs with node:crypto on its own,
// independently of the adapter's code, so a signing bug in either one shows up.
import { createPrivateKey, createSign } from 'node:crypto';
import { jsonOf, withStarted } from '../common/test-client';
import { startSpiderSim } from './index';
import type { SpiderSim, SpiderSimKey, SpiderSimOptions } from './types';

/** mid-month, midday UTC: "today" and "yesterday" are unambiguous */
export const SPIDER_TEST_BASE_MS = Date.UTC(2024, 4, 15, 12, 0, 0);

export const SMALL_SPIDER_ACCOUNT: NonNullable<SpiderSimOptions['subaccounts']> = [
  { name: 'alpha01', coins: [{ coin: 'btc', workers: 20, inactiveShare: 0.1, lostShare: 0.1 }, { coin: 'bch', workers: 4 }] },
  { name: 'beta002', coins: [{ coin: 'ltc', workers: 6 }] },
];

/** Starts a simulator on a fixed clock, runs the test, always closes it. */
export function withSpiderSim(options: SpiderSimOptions, run: (sim: SpiderSim) => Promise<void>): Promise<void> {
  return withStarted(startSpiderSim({ now: () => SPIDER_TEST_BASE_MS, seed: 7, ...options }), run);
}

export function signText(privateKeyBase64: string, text: string): string {
  const key = createPrivateKey({ key: Buffer.from(privateKeyBase64, 'base64'), format: 'der', type: 'pkcs8' });
  return createSign('RSA-MD5').update(text, 'utf8').sign(key, 'base64');
}

export interface SpiderCallOptions {
  /** default: the full key */
  key?: SpiderSimKey;
  /** default: the test base time */
  timestampMs?: number;
  /** changes the body after signing (tampering) */
  after?: (body: { dataJson: string; accessKey: string; timestamp: number | string; sign: string }) => void;
  /** sent as is, instead of a signed body */
  rawBody?: string;
  method?: string;
}

export async function spiderCall<T = SpiderEnvelope>(sim: SpiderSim, path: string, params: Record<string, unknown>, options: SpiderCallOptions = {}): Promise<{ status: number; body: T; response: Response }> {
  const key = options.key ?? sim.fullKey;
  const timestamp = options.timestampMs ?? SPIDER_TEST_BASE_MS;
  const dataJson = JSON.stringify(params);
  const body = { dataJson, accessKey: key.accessKey, timestamp: timestamp as number | string, sign: signText(key.privateKey, `${dataJson}|${timestamp}`) };
  options.after?.(body);
  const response = await fetch(`${sim.url}${path}`, {
    method: options.method ?? 'POST',
    headers: { 'Content-Type': 'application/json' },
    ...(options.method === 'GET' ? {} : { body: options.rawBody ?? JSON.stringify(body) }),
  });
  return jsonOf<T>(response);
}

export interface SpiderEnvelope<D = unknown> {
  code: string | number;
  msg?: string;
  data?: D;
  t?: number;
  success?: boolean;
}

export const PATHS = {
  info: '/v2/subaccount/getSubaccountInfo',
  workers: '/v2/worker/getSubaccountWorkerDetailInfo',
  hashrate: '/v2/subaccount/getSubaccountHashrateDetailInfo',
  workerHashrate: '/v2/worker/getSubaccountWorkerHashrateDetailInfo',
  profit: '/v2/subaccount/getSubaccountProfitInfo',
  profitDetail: '/v2/subaccount/getSubaccountProfitDetailInfo',
  dayProfit: '/v2/sp/subaccount/getDayProfitDetailInfo',
  payments: '/v2/subaccount/getSubaccountPaymentRecord',
} as const;

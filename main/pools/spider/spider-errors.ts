import { formatAge } from '../../../shared/units';
import { PoolError } from '../../base/pool-error';
import { quotePoolText } from '../response-parsing';

export const SPIDER_NAME = 'Spider Pool';

export const CLOCK_HINT = "If this computer's clock is off by more than a few minutes, Spider rejects the signature: check the system time.";

/** Below this difference the clocks "agree": Date headers have 1 s resolution and answers take time to arrive. */
export const CLOCK_TOLERANCE_MS = 60_000;

/**
 * Spider's codes for a bad signature, unknown access key or stale timestamp are not public (NOTES.md),
 * so an answer counts as an auth failure by its words, in English or Chinese, whatever its code ("500" included).
 */
const AUTH_WORDS =
  /\bsign|\btimestamp|\bexpire|access ?key|secret|private key|public key|\bauth|unauthori[sz]ed|forbidden|denied|permission|not allowed|illegal request|签名|验签|时间戳|过期|密钥|权限|授权/i;
const MISSING_SUBACCOUNT = /subaccount.*(not exist|n't exist|not found)|子账户.*不存在/i;

export type SpiderFailureKind = 'auth' | 'missing-subaccount' | 'server' | 'refused';

/** Sorts a non-success answer: auth-shaped words win over every code, then a missing subaccount, then "500". */
export function classifyFailure(code: string, reason: string): SpiderFailureKind {
  const words = `${code.replace(/_/g, ' ')} ${reason}`;
  if (AUTH_WORDS.test(words)) return 'auth';
  if (code.toUpperCase() === 'INVALID_SUBACCOUNT' || MISSING_SUBACCOUNT.test(reason)) return 'missing-subaccount';
  if (code === '500' || /^5\d\d$/.test(code)) return 'server';
  return 'refused';
}

/** The pool's own words, cleaned for display, with the access key masked (before the cut) should the pool echo it. */
export function poolReason(msg: string | null | undefined, accessKey: string): string {
  const masked = accessKey.length >= 4 ? (msg ?? '').split(accessKey).join('[access key]') : (msg ?? '');
  return quotePoolText(masked, [accessKey]) || 'no message';
}

/** What to say about the clock, given the server's time when its answer told it. */
export function clockAdvice(serverTimeMs: number | null, localNowMs: number): { text: string; skewed: boolean } {
  if (serverTimeMs === null) return { text: CLOCK_HINT, skewed: false };
  const skewMs = localNowMs - serverTimeMs;
  if (Math.abs(skewMs) < CLOCK_TOLERANCE_MS) {
    return { text: "This computer's clock agrees with Spider Pool's, so the clock is not the cause.", skewed: false };
  }
  return {
    text:
      `This computer's clock is ${formatAge(Math.abs(skewMs))} ${skewMs > 0 ? 'ahead of' : 'behind'} Spider Pool's, ` +
      'and Spider rejects requests whose timestamp is off by more than a few minutes: correct the system time ' +
      '(turn on automatic time sync); PoolWatch recovers on its own at the next poll.',
    skewed: true,
  };
}

export function authError(label: string, code: string, reason: string, serverTimeMs: number | null, localNowMs: number, httpStatus: number): PoolError {
  const clock = clockAdvice(serverTimeMs, localNowMs);
  const keys = 'Check that the access key and the private key are a pair from the same API key page of Spider Pool, and that the API permission is still active.';
  return new PoolError(
    'auth',
    `${SPIDER_NAME} rejected the signed request for ${label} (${code}: ${reason}). ${clock.skewed ? clock.text : `${keys} ${clock.text}`}`,
    { httpStatus },
  );
}

export function serverError(label: string, code: string, reason: string, httpStatus: number): PoolError {
  return new PoolError(
    'server',
    `${SPIDER_NAME} had an internal error answering ${label} (code ${code}: ${reason}). This is on the pool's side; PoolWatch keeps trying.`,
    { httpStatus },
  );
}

export function refusedError(label: string, code: string, reason: string, httpStatus: number): PoolError {
  return new PoolError(
    'pool_error',
    `${SPIDER_NAME} refused the request for ${label} (${code}: ${reason}). If this persists, the pool's API may have changed; please report it to PoolWatch.`,
    { httpStatus },
  );
}

export function missingSubaccountError(label: string, code: string, reason: string, httpStatus: number): PoolError {
  return new PoolError(
    'config',
    `${SPIDER_NAME} has no such subaccount for ${label} (${code}: ${reason}). Check the subaccount names and coins in this account's settings.`,
    { httpStatus },
  );
}

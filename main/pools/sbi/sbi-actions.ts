import { z } from 'zod';
import type { PoolAction, PoolActionResult } from '../../../shared/model';
import type { ActionContext, PoolActions } from '../adapter';
import { PoolError } from '../../base/pool-error';
import { SbiClient, SBI_NAME } from './sbi-client';

/**
 * The API cannot list a key's permissions (SBI shows them on its website), so PoolWatch asks to clear the inactive
 * workers of a subaccount no key has: a key without UPDATE gets 403, a key with it gets 404 (no such subaccount), and
 * nothing changes either way.
 */
export const PERMISSION_PROBE_SUBACCOUNT = 'poolwatch-update-permission-check';

const CLEAR_PATH = 'api/external/v1/clear-inactive-workers';
const SUBACCOUNT_PATH = 'api/external/v1/subaccount';

const switchAnswerSchema = z.object({ subaccountName: z.string().optional(), coin: z.string().optional(), payoutAddress: z.string().nullable().optional() });

function apiKeyClient(context: ActionContext): SbiClient {
  const apiKey = context.credentials.apiKey?.trim();
  const apiSecret = context.credentials.apiSecret?.trim();
  if (!apiKey || !apiSecret) {
    throw new PoolError('config', `Observer keys are read-only: changes on ${SBI_NAME} need an API key with the UPDATE permission.`);
  }
  return new SbiClient(context.http, context.baseUrl, { kind: 'api-key', apiKey, apiSecret }, context.signal);
}

const NO_UPDATE = `This key lacks ${SBI_NAME}'s UPDATE permission, so PoolWatch offers no changes with it. Add UPDATE to the key on ${SBI_NAME}'s website to clear inactive workers or switch coins from here.`;

async function permitted(context: ActionContext): Promise<{ permitted: true } | { permitted: false; reason: string }> {
  if (!context.credentials.apiKey) return { permitted: false, reason: `Observer keys are read-only: ${SBI_NAME} takes changes only from an API key with the UPDATE permission.` };
  const answer = await apiKeyClient(context).send({ method: 'POST', path: CLEAR_PATH, query: { subaccountName: PERMISSION_PROBE_SUBACCOUNT } });
  if (answer.status === 403) return { permitted: false, reason: NO_UPDATE };
  if (answer.status === 404 || answer.status === 400) return { permitted: true };
  // 2xx would mean a subaccount of that name exists and lost its inactive workers: still proof of UPDATE.
  if (answer.status >= 200 && answer.status < 300) return { permitted: true };
  return { permitted: false, reason: `${SBI_NAME} did not say whether this key may make changes (HTTP ${answer.status}: ${answer.reason}).` };
}

/** The pool's answer to a clear, in the words the docs give each status. */
function clearResult(group: string, answer: { status: number; reason: string }): PoolActionResult {
  const { status, reason } = answer;
  if (status === 204 || status === 200) return { ok: true, httpStatus: status, message: `${SBI_NAME} cleared the inactive workers of ${group} (HTTP ${status}).` };
  return { ok: false, httpStatus: status, message: refusal(`clear the inactive workers of ${group}`, status, reason) };
}

function switchResult(group: string, coin: string, answer: { status: number; reason: string; text: string }): PoolActionResult {
  const { status, reason } = answer;
  if (status === 200) return { ok: true, httpStatus: status, message: `${group} already mines ${coin}: nothing changed (HTTP 200).` };
  if (status === 202) {
    const parsed = switchAnswerSchema.safeParse(safeJson(answer.text));
    const address = parsed.success && parsed.data.payoutAddress ? ` Payouts go to ${parsed.data.payoutAddress}.` : '';
    return { ok: true, httpStatus: status, message: `${SBI_NAME} switched ${group} to ${coin} (HTTP 202).${address}` };
  }
  if (status === 422) {
    return { ok: false, httpStatus: status, message: `${SBI_NAME} refused: ${group} has no payout address for ${coin} (HTTP 422: ${reason}). Add one on ${SBI_NAME}'s website first.` };
  }
  return { ok: false, httpStatus: status, message: refusal(`switch ${group} to ${coin}`, status, reason) };
}

function refusal(what: string, status: number, reason: string): string {
  const advice: Record<number, string> = {
    400: 'The pool did not accept the request.',
    403: 'The key lacks the UPDATE permission or access to that subaccount.',
    404: 'The key does not see that subaccount.',
  };
  return `${SBI_NAME} refused to ${what} (HTTP ${status}: ${reason}).${advice[status] ? ` ${advice[status]}` : ''}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function run(context: ActionContext, action: PoolAction): Promise<PoolActionResult> {
  const client = apiKeyClient(context);
  switch (action.kind) {
    case 'clear-inactive-workers':
      return clearResult(action.group, await client.send({ method: 'POST', path: CLEAR_PATH, query: { subaccountName: action.group } }));
    case 'switch-coin': {
      const coin = action.coin.trim().toUpperCase();
      const answer = await client.send({ method: 'PATCH', path: SUBACCOUNT_PATH, body: { subaccountName: action.group, coin } });
      return switchResult(action.group, coin, answer);
    }
  }
}

/** SBI's UPDATE endpoints: clear a subaccount's inactive workers, switch the coin it mines. */
export const sbiActions: PoolActions = { permitted, run };

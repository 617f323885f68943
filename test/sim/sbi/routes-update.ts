// UPDATE endpoints: switch the mined coin, clear inactive (DEAD) workers.
import { isCoinCode } from './coins';
import { ok, type RouteContext, type RouteDefinition } from './route-context';
import { removeWorkers } from './subaccounts';
import { derivedState } from './workers';
import { markChanged } from './world';

export const updateRoutes: RouteDefinition[] = [
  { method: 'PATCH', path: '/api/external/v1/subaccount', auth: 'api-key', permission: 'UPDATE', produces: ['json'], handler: switchCoin },
  { method: 'POST', path: '/api/external/v1/clear-inactive-workers', auth: 'api-key', permission: 'UPDATE', produces: ['json'], handler: clearInactiveWorkers },
];

async function switchCoin(ctx: RouteContext) {
  const contentType = ctx.headers['content-type'] ?? '';
  if (!/^application\/([a-z0-9.+-]+\+)?json\b/i.test(contentType)) ctx.fail(415, `Content type '${contentType}' not supported`);
  let input: unknown;
  try {
    input = JSON.parse(await ctx.readBody());
  } catch {
    ctx.fail(400, 'JSON parse error: request body is not valid JSON');
  }
  const fields = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const { subaccountName, coin } = fields;
  if (typeof subaccountName !== 'string' || subaccountName === '') ctx.fail(400, 'subaccountName is required');
  if (typeof coin !== 'string' || coin === '') ctx.fail(400, 'coin is required');
  const subaccount = ctx.scope.find((candidate) => candidate.name === subaccountName);
  if (!subaccount) ctx.fail(404, `Subaccount ${subaccountName} not found`);
  if (!isCoinCode(coin)) ctx.fail(400, `Coin ${coin} is not supported by the pool`);
  if (subaccount.coin === coin) return ok({ subaccountName, coin, payoutAddress: subaccount.payoutAddresses.get(coin) ?? null }, 200);
  const payoutAddress = subaccount.payoutAddresses.get(coin);
  if (!payoutAddress) ctx.fail(422, `Subaccount ${subaccountName} has no payout address configured for ${coin}`);
  subaccount.coin = coin;
  return ok({ subaccountName, coin, payoutAddress }, 202);
}

function clearInactiveWorkers(ctx: RouteContext) {
  const name = ctx.query.get('subaccountName')?.trim() ?? '';
  if (name === '') ctx.fail(400, "Required request parameter 'subaccountName' for method parameter type String is not present");
  const subaccount = ctx.scope.find((candidate) => candidate.name === name);
  if (!subaccount) ctx.fail(404, `Subaccount ${name} not found`);
  const removed = removeWorkers(subaccount, (worker) => derivedState(worker, ctx.nowMs) === 'DEAD');
  if (removed > 0) markChanged(ctx.world);
  return { status: 204 };
}

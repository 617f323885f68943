// READ endpoints: account, subaccounts, workers, subpools.
import { javaDouble } from '../common/java-json';
import { coinJson } from './coins';
import { ok, subaccountsFromParam, type RouteDefinition } from './route-context';
import { springPage } from './spring-page';
import { summarize } from './subaccounts';
import { workerJson, workerListRequest } from './worker-json';

export const readRoutes: RouteDefinition[] = [
  {
    method: 'GET',
    path: '/api/external/v1/account',
    auth: 'api-key',
    permission: 'READ',
    produces: ['json'],
    handler: (ctx) => {
      const summary = summarize(ctx.scope, ctx.nowMs);
      return ok({
        name: ctx.world.accountName,
        timezone: ctx.world.timezone,
        hashrate: summary.rates.map(javaDouble),
        subaccounts: ctx.scope.map((subaccount) => ({
          subaccountId: subaccount.id,
          subaccountName: subaccount.name,
          currentMiningCurrency: coinJson(subaccount.coin),
        })),
        workerStatus: { OFFLINE: summary.counts.OFFLINE, DEAD: summary.counts.DEAD, ONLINE: summary.counts.ONLINE },
        numOfWorkers: summary.total,
        numOfSubaccounts: ctx.scope.length,
      });
    },
  },
  {
    method: 'GET',
    path: '/api/external/v1/subaccounts',
    auth: 'api-key',
    permission: 'READ',
    produces: ['json'],
    handler: (ctx) => {
      const subaccounts = subaccountsFromParam(ctx, 'subaccountNames');
      return ok({
        accountName: ctx.world.accountName,
        subaccounts: subaccounts.map((subaccount) => {
          const summary = summarize([subaccount], ctx.nowMs);
          return {
            subaccountId: subaccount.id,
            subaccountName: subaccount.name,
            currentMiningCurrency: coinJson(subaccount.coin),
            payoutAddress: subaccount.payoutAddresses.get(subaccount.coin) ?? null,
            hashrate: summary.rates.map(javaDouble),
            workerStatus: { offline: summary.counts.OFFLINE, online: summary.counts.ONLINE, dead: summary.counts.DEAD },
            totalWorkers: summary.total,
          };
        }),
      });
    },
  },
  {
    method: 'GET',
    path: '/api/external/v1/workers',
    auth: 'api-key',
    permission: 'READ',
    produces: ['json'],
    handler: (ctx) => {
      const request = workerListRequest(ctx, subaccountsFromParam(ctx, 'subaccountNames'));
      const { rows, total } = ctx.queries.select(request.selection, ctx.nowMs, request.page.page * request.page.size, request.page.size);
      const content = rows.map((worker) => workerJson(worker, ctx.nowMs, null));
      return ok(springPage(content, total, request.page, request.sort));
    },
  },
  {
    method: 'GET',
    path: '/api/external/v1/subpools',
    auth: 'api-key',
    permission: 'READ',
    produces: ['json'],
    handler: () =>
      ok([
        {
          name: 'US Subpool',
          coins: ['BTC', 'BCH', 'BSV', 'ETH'],
          stratumServers: [
            { id: 2, host: 'us1.sbicrypto.com', port: 3333 },
            { id: 5, host: 'eth.us1.sbicrypto.com', port: 3333 },
          ],
          region: 2,
        },
        {
          name: 'Asia Subpool',
          coins: ['BTC', 'BCH', 'BSV'],
          stratumServers: [{ id: 3, host: 'jp1.sbicrypto.com', port: 3333 }],
          region: 1,
        },
      ]),
  },
];

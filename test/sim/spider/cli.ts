// Runs the Spider simulator as its own process for the demo, browser e2e tests and the bench:
//   node --import tsx test/sim/spider/cli.ts [--port 0] [--seed 42] [--paging pageNum|pageNumber|none] [--workers N]
// --workers gives one subaccount "big" mining BTC with N workers instead of the default world.
// Prints one JSON line {"url": ..., "port": ...}; credentials come from GET <url>/__sim/keys.
import { cliChoice, cliCount, runSimCli } from '../common/cli';
import { startSpiderSim } from './index';
import type { SpiderWorkerPaging } from './types';

runSimCli((base) => {
  const paging = cliChoice<SpiderWorkerPaging>('paging', ['pageNum', 'pageNumber', 'none']);
  const workers = cliCount('workers');
  return startSpiderSim({
    ...base,
    ...(paging && { workerPaging: paging }),
    ...(workers !== undefined && { subaccounts: [{ name: 'big', coins: [{ coin: 'btc', workers }] }] }),
  });
});

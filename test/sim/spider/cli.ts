// Runs the Spider simulator as its own process for the demo and browser e2e tests:
//   node --import tsx test/sim/spider/cli.ts [--port 0] [--seed 42] [--paging pageNum|pageNumber|none]
// Prints one JSON line {"url": ..., "port": ...}; credentials come from GET <url>/__sim/keys.
import { cliChoice, runSimCli } from '../common/cli';
import { startSpiderSim } from './index';
import type { SpiderWorkerPaging } from './types';

runSimCli((base) => {
  const paging = cliChoice<SpiderWorkerPaging>('paging', ['pageNum', 'pageNumber', 'none']);
  return startSpiderSim({ ...base, ...(paging && { workerPaging: paging }) });
});

// Runs the SBI simulator as its own process for the demo, browser e2e tests and the bench:
//   node --import tsx test/sim/sbi/cli.ts [--port 0] [--seed 42] [--workers N]
// --workers gives one BTC subaccount "big" with N workers instead of the default world.
// Prints one JSON line {"url": ..., "port": ...}; credentials come from GET <url>/__sim/keys.
import { cliCount, runSimCli } from '../common/cli';
import { startSbiSim } from './index';

runSimCli((base) => {
  const workers = cliCount('workers');
  return startSbiSim({ ...base, ...(workers !== undefined && { subaccounts: [{ name: 'big', coin: 'BTC', workers }] }) });
});

// Runs the Stratumsphere simulator as its own process for the demo, browser e2e tests and the bench:
//   node --import tsx test/sim/stratumsphere/cli.ts [--port 0] [--seed 42] [--rentals N]
// --rentals gives one scheduler "big" with N rentals instead of the default world.
// Prints one JSON line {"url": ..., "port": ...}; the API key comes from GET <url>/__sim/keys.
import { cliCount, runSimCli } from '../common/cli';
import { startStratumsphereSim } from './index';

runSimCli((base) => {
  const rentals = cliCount('rentals');
  return startStratumsphereSim({
    ...base,
    ...(rentals !== undefined && { schedulers: [{ name: 'big', type: 'miners', algorithm: 'SHA256', location: 'us-central', rentals }] }),
  });
});

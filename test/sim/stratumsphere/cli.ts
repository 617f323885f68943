// Runs the Stratumsphere simulator as its own process for the demo and browser e2e tests:
//   node --import tsx test/sim/stratumsphere/cli.ts [--port 0] [--seed 42]
// Prints one JSON line {"url": ..., "port": ...}; the API key comes from GET <url>/__sim/keys.
import { runSimCli } from '../common/cli';
import { startStratumsphereSim } from './index';

runSimCli((base) => startStratumsphereSim(base));

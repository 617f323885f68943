// Runs the SBI simulator as its own process for the demo and browser e2e tests:
//   node --import tsx test/sim/sbi/cli.ts [--port 0] [--seed 42]
// Prints one JSON line {"url": ..., "port": ...}; credentials come from GET <url>/__sim/keys.
import { runSimCli } from '../common/cli';
import { startSbiSim } from './index';

runSimCli((base) => startSbiSim(base));

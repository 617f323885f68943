// Runs the WebMinePool simulator as its own process for the demo and browser e2e tests:
//   node --import tsx test/sim/webminepool/cli.ts [--port 0] [--seed 42] [--envelope success|status] [--numbers number|string]
// Prints one JSON line {"url": ..., "port": ...}; the secret key comes from GET <url>/__sim/keys.
import { cliChoice, runSimCli } from '../common/cli';
import { startWebMinePoolSim, type WmpEnvelopeStyle, type WmpNumberStyle } from './index';

runSimCli((base) => {
  const envelope = cliChoice<WmpEnvelopeStyle>('envelope', ['success', 'status']);
  const numbers = cliChoice<WmpNumberStyle>('numbers', ['number', 'string']);
  return startWebMinePoolSim({ ...base, ...(envelope && { envelope }), ...(numbers && { numbers }) });
});

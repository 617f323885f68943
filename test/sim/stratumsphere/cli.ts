// Runs the Stratumsphere simulator as its own process for the demo and browser e2e tests:
//   node --import tsx test/sim/stratumsphere/cli.ts [--port 0] [--seed 42]
// Prints one JSON line {"url": ..., "port": ...}; the API key comes from GET <url>/__sim/keys.
import { startStratumsphereSim } from './index';

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const portFlag = flag('port');
  const seedFlag = flag('seed');
  const sim = await startStratumsphereSim({
    ...(portFlag !== undefined && { port: Number(portFlag) }),
    ...(seedFlag !== undefined && { seed: Number(seedFlag) }),
  });
  process.stdout.write(`${JSON.stringify({ url: sim.url, port: sim.port })}\n`);
  const stop = (): void => {
    sim.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

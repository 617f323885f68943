// Runs the SBI simulator as its own process for the demo and browser e2e tests:
//   node --import tsx test/sim/sbi/cli.ts [--port 0] [--seed 42]
// Prints one JSON line {"url": ..., "port": ...}; credentials come from GET <url>/__sim/keys.
import { startSbiSim } from './index';

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const portFlag = flag('port');
  const seedFlag = flag('seed');
  const sim = await startSbiSim({
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

// Runs the WebMinePool simulator as its own process for the demo and browser e2e tests:
//   node --import tsx test/sim/webminepool/cli.ts [--port 0] [--seed 42] [--envelope success|status] [--numbers number|string]
// Prints one JSON line {"url": ..., "port": ...}; the secret key comes from GET <url>/__sim/keys.
import { startWebMinePoolSim, type WmpEnvelopeStyle, type WmpNumberStyle } from './index';

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
  const value = flag(name);
  if (value === undefined) return undefined;
  const found = allowed.find((candidate) => candidate === value);
  if (!found) throw new Error(`--${name} must be one of ${allowed.join(', ')}`);
  return found;
}

async function main(): Promise<void> {
  const portFlag = flag('port');
  const seedFlag = flag('seed');
  const envelope = oneOf<WmpEnvelopeStyle>('envelope', ['success', 'status']);
  const numbers = oneOf<WmpNumberStyle>('numbers', ['number', 'string']);
  const sim = await startWebMinePoolSim({
    ...(portFlag !== undefined && { port: Number(portFlag) }),
    ...(seedFlag !== undefined && { seed: Number(seedFlag) }),
    ...(envelope && { envelope }),
    ...(numbers && { numbers }),
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

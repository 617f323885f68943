// Runs the Spider simulator as its own process for the demo and browser e2e tests:
//   node --import tsx test/sim/spider/cli.ts [--port 0] [--seed 42] [--paging pageNum|pageNumber|none]
// Prints one JSON line {"url": ..., "port": ...}; credentials come from GET <url>/__sim/keys.
import { startSpiderSim } from './index';
import type { SpiderWorkerPaging } from './types';

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const PAGING: readonly SpiderWorkerPaging[] = ['pageNum', 'pageNumber', 'none'];

async function main(): Promise<void> {
  const portFlag = flag('port');
  const seedFlag = flag('seed');
  const pagingFlag = flag('paging');
  const paging = PAGING.find((style) => style === pagingFlag);
  if (pagingFlag !== undefined && !paging) throw new Error(`--paging must be one of ${PAGING.join(', ')}`);
  const sim = await startSpiderSim({
    ...(portFlag !== undefined && { port: Number(portFlag) }),
    ...(seedFlag !== undefined && { seed: Number(seedFlag) }),
    ...(paging && { workerPaging: paging }),
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

// Shared part of the simulators' command lines: flags, the one JSON line with the address, stop on SIGINT/SIGTERM.

export function cliFlag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** The flag's value when it is one of `allowed`; absent gives undefined, anything else is an error. */
export function cliChoice<T extends string>(name: string, allowed: readonly T[]): T | undefined {
  const value = cliFlag(name);
  if (value === undefined) return undefined;
  const found = allowed.find((candidate) => candidate === value);
  if (!found) throw new Error(`--${name} must be one of ${allowed.join(', ')}`);
  return found;
}

/** The flag's value as a whole number >= 1; absent gives undefined, anything else is an error. */
export function cliCount(name: string): number | undefined {
  const value = cliFlag(name);
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--${name} must be a whole number of at least 1`);
  return count;
}

export interface CliBaseOptions {
  port?: number;
  seed?: number;
}

interface RunningSim {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the simulator with --port and --seed, prints {"url": ..., "port": ...} and runs until a signal. */
export function runSimCli(start: (base: CliBaseOptions) => Promise<RunningSim>): void {
  const main = async (): Promise<void> => {
    const portFlag = cliFlag('port');
    const seedFlag = cliFlag('seed');
    const sim = await start({
      ...(portFlag !== undefined && { port: Number(portFlag) }),
      ...(seedFlag !== undefined && { seed: Number(seedFlag) }),
    });
    process.stdout.write(`${JSON.stringify({ url: sim.url, port: sim.port })}\n`);
    const stop = (): void => {
      sim.close().finally(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  };
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

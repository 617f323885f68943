import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PrivateFileError } from '../base/private-file';
import { SecretsFileError } from '../secrets/file-secret-store';
import { ConfigError } from '../store/config-file';
import { AlertHistoryQuerySchema, describeIssues, EXPORT_KINDS, ExportRequestSchema, type IssueLike } from '../../shared/contract';
import { ATTRIBUTE_SORT_PREFIX } from '../../shared/model';
import { SECRET_STORE_ENV, SECRET_STORE_KINDS, type SecretStoreKind } from '../secrets/choose-secret-store';
import { alertsCommand, dataDirFor, exportCommand, pollCommand, readOnlySecretStore, serveCommand, type CliIo, type SecretsOptions } from './commands';
import { doctorCommand } from './doctor';
import { defaultConfigPath } from './default-paths';
import { EXIT } from './exit-codes';
import { USAGE } from './usage';

const consoleIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new ConfigError(`--port must be a number from 0 to 65535, not "${value}".`);
  return port;
}

/** Where secrets are kept, for the commands that read or save them: see choose-secret-store.ts. */
const SECRET_OPTIONS = { 'secret-store': { type: 'string' }, 'secrets-key-file': { type: 'string' } } as const;

function secretsOptions(values: { 'secret-store'?: string | undefined; 'secrets-key-file'?: string | undefined }): SecretsOptions {
  const flag = values['secret-store'];
  const chosen = flag ?? process.env[SECRET_STORE_ENV];
  const secretStore = chosen === undefined || chosen === '' ? undefined : chosen;
  if (secretStore !== undefined && !(SECRET_STORE_KINDS as readonly string[]).includes(secretStore)) {
    throw new ConfigError(`${flag === undefined ? SECRET_STORE_ENV : '--secret-store'} must be ${SECRET_STORE_KINDS.join(' or ')}, not "${secretStore}".`);
  }
  return { secretStore: secretStore as SecretStoreKind | undefined, secretsKeyFile: values['secrets-key-file'] };
}

/** The option an issue is about ("--from"), or '' when it is about the options together. */
function optionOf(path: readonly PropertyKey[]): string {
  return path.length > 0 ? `--${String(path[0]).replace('accountId', 'account').replace('ruleId', 'rule')}` : '';
}

/** "--from: must be an ISO time …", or the message alone when it is about the options together. */
function firstIssue(error: { readonly issues: readonly IssueLike[] }): string {
  return describeIssues(error, { limit: 1, where: optionOf }) || 'the options do not fit together.';
}

/**
 * `--sort key[,asc|desc]` as the export request takes it: the direction after the last comma (asc when none), the key
 * checked by the request's schema. An attribute label may hold commas itself: `attr:a,b` is the key `attr:a,b`.
 */
function sortOption(text: string): { key: string; direction: string } {
  const comma = text.lastIndexOf(',');
  const direction = comma < 0 ? '' : text.slice(comma + 1).trim();
  if (comma >= 0 && (direction === 'asc' || direction === 'desc' || !text.startsWith(ATTRIBUTE_SORT_PREFIX))) {
    return { key: text.slice(0, comma).trim(), direction };
  }
  return { key: text.trim(), direction: 'asc' };
}

/** Runs the CLI; resolves to the exit code (serve resolves only when stopped). */
export async function runCli(argv: string[], io: CliIo = consoleIo, staticDir = join(__dirname, '..', 'renderer')): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command === undefined ? EXIT.badInput : EXIT.done;
  }
  try {
    if (command === 'poll') {
      const { values } = parseArgs({
        args: rest,
        options: { config: { type: 'string' }, json: { type: 'boolean' }, workers: { type: 'boolean' }, ...SECRET_OPTIONS },
        strict: true,
      });
      if (!values.config) throw new ConfigError('poll needs --config FILE.');
      return await pollCommand({ config: values.config, json: values.json ?? false, workers: values.workers ?? false, ...secretsOptions(values) }, io);
    }
    if (command === 'alerts') {
      const { values } = parseArgs({
        args: rest,
        options: {
          config: { type: 'string' },
          data: { type: 'string' },
          json: { type: 'boolean' },
          account: { type: 'string' },
          rule: { type: 'string' },
          from: { type: 'string' },
          to: { type: 'string' },
          limit: { type: 'string' },
        },
        strict: true,
      });
      if (!values.config) throw new ConfigError('alerts needs --config FILE.');
      const query = AlertHistoryQuerySchema.safeParse({
        ...(values.account ? { accountId: values.account } : {}),
        ...(values.rule ? { ruleId: values.rule } : {}),
        ...(values.from ? { from: values.from } : {}),
        ...(values.to ? { to: values.to } : {}),
        ...(values.limit ? { limit: Number(values.limit) } : {}),
      });
      if (!query.success) throw new ConfigError(`alerts: ${firstIssue(query.error)}`);
      return await alertsCommand({ config: values.config, data: values.data, json: values.json ?? false, query: query.data }, io);
    }
    if (command === 'export') {
      const { values, positionals } = parseArgs({
        args: rest,
        options: {
          config: { type: 'string' },
          data: { type: 'string' },
          account: { type: 'string' },
          group: { type: 'string' },
          worker: { type: 'string' },
          from: { type: 'string' },
          to: { type: 'string' },
          sort: { type: 'string' },
          state: { type: 'string' },
          name: { type: 'string' },
          ...SECRET_OPTIONS,
        },
        allowPositionals: true,
        strict: true,
      });
      const kind = positionals[0];
      if (positionals.length !== 1 || !EXPORT_KINDS.includes(kind as (typeof EXPORT_KINDS)[number])) {
        throw new ConfigError(`export needs one of ${EXPORT_KINDS.join(', ')}${kind === undefined ? '' : `, not "${positionals.join(' ')}"`}.`);
      }
      if (!values.config) throw new ConfigError('export needs --config FILE.');
      const request = ExportRequestSchema.safeParse({
        kind,
        ...(values.account ? { accountId: values.account } : {}),
        ...(values.group ? { group: values.group } : {}),
        ...(values.worker ? { worker: values.worker } : {}),
        ...(values.from ? { from: values.from } : {}),
        ...(values.to ? { to: values.to } : {}),
        ...(values.sort !== undefined ? { sort: sortOption(values.sort) } : {}),
        // The Workers screen's filters, checked and applied as the app's export does.
        ...(values.state !== undefined ? { state: values.state } : {}),
        ...(values.name !== undefined ? { name: values.name } : {}),
      });
      if (!request.success) throw new ConfigError(`export: ${firstIssue(request.error)}`);
      return await exportCommand({ config: values.config, data: values.data, request: request.data, ...secretsOptions(values) }, io);
    }
    if (command === 'doctor') {
      const { values } = parseArgs({ args: rest, options: { config: { type: 'string' }, data: { type: 'string' }, ...SECRET_OPTIONS }, strict: true });
      const config = resolve(values.config ?? defaultConfigPath());
      const secrets = await readOnlySecretStore(config, { data: values.data, ...secretsOptions(values) });
      return await doctorCommand({ config, dataDir: dataDirFor(config, values.data) }, io, { secrets, env: process.env });
    }
    if (command === 'serve') {
      const { values } = parseArgs({
        args: rest,
        options: {
          config: { type: 'string' },
          data: { type: 'string' },
          port: { type: 'string' },
          host: { type: 'string' },
          'tls-cert': { type: 'string' },
          'tls-key': { type: 'string' },
          'metrics-workers': { type: 'boolean' },
          'token-file': { type: 'string' },
          ...SECRET_OPTIONS,
        },
        strict: true,
      });
      const running = await serveCommand(
        {
          config: values.config ?? defaultConfigPath(),
          data: values.data,
          port: parsePort(values.port),
          staticDir,
          host: values.host,
          tlsCert: values['tls-cert'],
          tlsKey: values['tls-key'],
          metricsWorkers: values['metrics-workers'] ?? false,
          tokenFile: values['token-file'],
          ...secretsOptions(values),
        },
        io,
      );
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          void running.close().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      return 0;
    }
    io.err(`Unknown command "${command}".\n\n${USAGE}`);
    return EXIT.badInput;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof PrivateFileError || error instanceof SecretsFileError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`poolwatch: ${(error as Error).message}`);
      return EXIT.badInput;
    }
    throw error;
  }
}

import { randomBytes } from 'node:crypto';
import { mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { POOLS } from '../../shared/model';
import { errorCode } from '../base/error-code';
import { redactSecrets } from '../base/redaction';
import { resolveCredentials, type Environment } from '../secrets/credential-resolver';
import { KeychainUnavailableError, type SecretStore } from '../secrets/secret-store';
import { DataFolderLockedError, lockDataFolder } from '../server/data-folder-lock';
import { readConfigFile } from '../store/config-file';
import type { AccountConfig, AppConfig } from '../store/config-schema';
import { EXIT } from './exit-codes';
import { resolveChannelValues } from '../alerts/channels/channel-config';
import { channelKind } from '../alerts/channels/kinds';
import type { ChannelConfig } from '../store/config-schema';

export type CheckStatus = 'ok' | 'warn' | 'fail';

/** One line of the report: what was checked, how it went, and what to do about it. */
export interface CheckResult {
  status: CheckStatus;
  check: string;
  message: string;
}

export interface DoctorDeps {
  secrets: SecretStore;
  env: Environment;
  fetchImpl?: typeof fetch;
  now?: () => number;
  /** Per pool request. */
  timeoutMs?: number;
}

/** More than this between a pool's clock and ours breaks signed requests and makes "last share" ages wrong. */
export const MAX_CLOCK_SKEW_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 10_000;

const ok = (check: string, message: string): CheckResult => ({ status: 'ok', check, message });
const warn = (check: string, message: string): CheckResult => ({ status: 'warn', check, message });
const fail = (check: string, message: string): CheckResult => ({ status: 'fail', check, message });

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function usesKeychain(config: AppConfig): boolean {
  const refs = [...config.accounts.map((account) => account.credentials), ...config.channels.map((channel) => channel.secrets)];
  return refs.some((record) => Object.values(record).some((ref) => 'keychain' in ref));
}

async function checkKeychain(config: AppConfig, secrets: SecretStore): Promise<CheckResult> {
  try {
    await secrets.get('poolwatch-doctor', 'probe');
    return ok('keychain', 'the system keychain answers.');
  } catch (error) {
    const reason = error instanceof KeychainUnavailableError ? error.message : `The system keychain failed: ${(error as Error).message}`;
    // Without keychain references the keychain is only needed to add secrets in the app.
    return usesKeychain(config) ? fail('keychain', reason) : warn('keychain', `${reason} (Nothing in this config needs it now.)`);
  }
}

/** Writes and removes a file, then takes and releases the lock `serve` would take. */
function checkDataFolder(dataDir: string): CheckResult[] {
  const probe = join(dataDir, `.poolwatch-doctor-${randomBytes(4).toString('hex')}`);
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(probe, 'probe');
    unlinkSync(probe);
  } catch (error) {
    const code = errorCode(error) ?? 'error';
    return [fail('data folder', `${dataDir} is not writable (${code}): history and the lock live there; fix its permissions or pass --data DIR.`)];
  }
  const writable = ok('data folder', `${dataDir} is writable.`);
  try {
    lockDataFolder(dataDir).release();
    return [writable, ok('lock', `no other poolwatch serve holds ${dataDir}.`)];
  } catch (error) {
    if (error instanceof DataFolderLockedError) {
      return [writable, warn('lock', `poolwatch serve (PID ${error.pid}) is running on ${dataDir}; fine if that is your monitor, a second one there would be refused.`)];
    }
    return [writable, warn('lock', `could not take the lock in ${dataDir} (${errorCode(error) ?? (error as Error).message}); a second serve there would not be refused.`)];
  }
}

function baseUrlOf(account: AccountConfig): string {
  return account.baseUrl ?? POOLS[account.pool].defaultBaseUrl;
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function describeUnreachable(error: unknown, where: string, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `${where} did not answer within ${Math.round(timeoutMs / 1000)} s; check the network or the account's baseUrl.`;
  const code = errorCode(error);
  if (code === 'ECONNREFUSED') return `${where} refused the connection; check the account's baseUrl and that the pool is up.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `${where}: the host name could not be resolved; check the baseUrl and DNS.`;
  if (code && /CERT|SSL|TLS/.test(code)) return `${where}: its TLS certificate was not accepted (${code}); check the system time and the baseUrl.`;
  return `${where} could not be reached (${code ?? 'network error'}); check the network, a proxy or firewall, and the baseUrl.`;
}

/** A channel's secrets are there and its settings fit together (e-mail without encryption only to this machine). */
async function checkChannel(channel: ChannelConfig, deps: DoctorDeps): Promise<CheckResult> {
  const check = `channel ${channel.id}`;
  if (!channel.enabled) return ok(check, 'disabled.');
  try {
    const values = await resolveChannelValues(channel, deps.secrets, deps.env);
    channelKind(channel.kind).checkTogether?.(values);
    return ok(check, `${channel.kind}: its settings and secrets are there.`);
  } catch (error) {
    return fail(check, `${(error as Error).message} Nothing is sent to "${channel.label}" until this is fixed.`);
  }
}

/** Credentials resolve (keychain entry present, variable set), then one plain GET to the pool for reachability and its clock. */
async function checkAccount(account: AccountConfig, deps: DoctorDeps): Promise<CheckResult[]> {
  const name = `account ${account.id}`;
  const results: CheckResult[] = [];
  let secrets: string[] = [];
  try {
    secrets = Object.values(await resolveCredentials(account.id, account.credentials, deps.secrets, deps.env));
    results.push(ok(`${name} credentials`, 'every credential is there.'));
  } catch (error) {
    results.push(fail(`${name} credentials`, (error as Error).message));
  }
  const url = baseUrlOf(account);
  const where = `${POOLS[account.pool].name} at ${origin(url)}`;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = deps.now ?? Date.now;
  const timeout = AbortSignal.timeout(timeoutMs);
  const sentAt = now();
  let response: Response;
  try {
    // No credentials are sent: any HTTP answer proves the pool is reachable, and carries its clock.
    response = await (deps.fetchImpl ?? fetch)(url, { method: 'GET', redirect: 'manual', signal: timeout, headers: { 'User-Agent': 'PoolWatch doctor' } });
    await response.body?.cancel().catch(() => undefined);
  } catch (error) {
    results.push(fail(`${name} reachable`, redactSecrets(describeUnreachable(error, where, timeout.aborted, timeoutMs), secrets)));
    return results;
  }
  const receivedAt = now();
  results.push(ok(`${name} reachable`, `${where} answered (HTTP ${response.status}) in ${receivedAt - sentAt} ms.`));
  results.push(clockSkew(name, where, response.headers.get('date'), (sentAt + receivedAt) / 2));
  return results;
}

/** The pool's Date header against our clock at the middle of the request. */
export function clockSkew(name: string, where: string, dateHeader: string | null, localMs: number): CheckResult {
  const check = `${name} clock`;
  const poolMs = dateHeader === null ? Number.NaN : Date.parse(dateHeader);
  if (!Number.isFinite(poolMs)) return warn(check, `${where} sent no usable Date header; the clock could not be compared.`);
  const skewMs = localMs - poolMs;
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  // The Date header has whole seconds: up to a second of difference is rounding.
  if (Math.abs(skewMs) <= MAX_CLOCK_SKEW_MS) return ok(check, `this computer's clock is within ${Math.max(1, seconds)} s of the pool's.`);
  return warn(
    check,
    `this computer's clock is ${seconds} s ${skewMs > 0 ? 'ahead of' : 'behind'} the pool's; turn on network time (NTP): signed requests and last-share ages depend on it.`,
  );
}

/** Every check, in order; a config that cannot be read stops the checks that need it. */
export async function runDoctorChecks(options: { config: string; dataDir: string }, deps: DoctorDeps): Promise<CheckResult[]> {
  let config: AppConfig;
  try {
    config = await readConfigFile(options.config, { missingIsEmpty: false });
  } catch (error) {
    return [fail('config', `${(error as Error).message} Fix the file (or pass --config FILE), then run doctor again.`)];
  }
  const results: CheckResult[] = [ok('config', `${options.config} is valid: ${plural(config.accounts.length, 'account')}, ${plural(config.channels.length, 'channel')}.`)];
  if (config.accounts.length === 0) results.push(warn('accounts', 'the config has no accounts; add one in the app or in the file.'));
  const heartbeat = config.watchdog?.url;
  if (heartbeat && typeof heartbeat !== 'string' && !deps.env[heartbeat.env]) {
    results.push(fail('watchdog', `the environment variable ${heartbeat.env} (the heartbeat URL) is not set; set it or remove "watchdog".`));
  }
  results.push(await checkKeychain(config, deps.secrets));
  results.push(...checkDataFolder(options.dataDir));
  const perAccount = await Promise.all(config.accounts.map((account) => checkAccount(account, deps)));
  results.push(...perAccount.flat());
  for (const channel of config.channels) results.push(await checkChannel(channel, deps));
  return results;
}

/** "ok    config: …", one line per check. */
export function formatCheck(result: CheckResult): string {
  return `${result.status.padEnd(4)}  ${result.check}: ${result.message}`;
}

/**
 * The exit code: 0 when nothing failed (warnings allowed); 1 when the setup is wrong (config, keychain, data
 * folder, a channel, watchdog); 2 when only an account failed (credentials missing, pool unreachable).
 */
export function doctorExitCode(results: readonly CheckResult[]): number {
  const failed = results.filter((result) => result.status === 'fail');
  if (failed.length === 0) return EXIT.done;
  return failed.some((result) => !result.check.startsWith('account ')) ? EXIT.badInput : EXIT.accountFailed;
}

/** `poolwatch doctor`: prints one line per check and returns the exit code. */
export async function doctorCommand(options: { config: string; dataDir: string }, io: { out(text: string): void }, deps: DoctorDeps): Promise<number> {
  const results = await runDoctorChecks(options, deps);
  for (const result of results) io.out(formatCheck(result));
  return doctorExitCode(results);
}

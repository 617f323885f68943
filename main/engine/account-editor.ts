import { POOLS, countWorkers } from '../../shared/model';
import {
  ContractError,
  callHandler,
  type AccountConfigView,
  type AccountDraft,
  type ConnectionTestResult,
  type RequestHandlers,
  type RequestOf,
  type ResponseOf,
} from '../../shared/contract';
import { SecretStoreUnavailableError, type SecretStore } from '../secrets/secret-store';
import { resolveCredentials, type Environment } from '../secrets/credential-resolver';
import { deleteRecordSecrets, planSecrets, secretsForNewAddress, writeSecretRecord, type SecretPlan, type SecretPlanInput, type SecretRecordField } from '../secrets/secret-record';
import { createAdapter, createPoolHttpClient, defaultBaseUrl } from '../pools/registry';
import type { PoolAdapter } from '../pools/adapter';
import type { HttpLimits } from '../pools/http-client';
import { isPoolError } from '../base/pool-error';
import { redactSecrets } from '../base/redaction';
import type { Clock } from '../base/clock';
import { STATUS_BY_ERROR_KIND } from './account-status';
import { DEFAULT_POLL_INTERVAL_SEC, defaultPollIntervalSec, type AccountConfig, type AppConfig } from '../store/config-schema';
import { settingsRequest, type SettingsStore } from '../store/settings-store';
import { newRecordId } from '../store/record-id';
import type { Logger } from '../base/logger';
import type { UiEventBus } from '../base/ui-events';
import { toRunnable } from './runnable-account';

/** The secret fields of the draft's connection mode; an unknown mode is refused. */
export function modeSecretFields(draft: Pick<AccountDraft, 'pool' | 'mode'>): SecretRecordField[] {
  const mode = POOLS[draft.pool].modes.find((candidate) => candidate.id === draft.mode);
  if (!mode) {
    throw new ContractError('invalid_request', `${POOLS[draft.pool].name} has no connection mode "${draft.mode}".`);
  }
  return mode.fields.map((field) => ({ name: field.name, label: field.label }));
}

export function modeFields(draft: Pick<AccountDraft, 'pool' | 'mode'>): string[] {
  return modeSecretFields(draft).map((field) => field.name);
}

/** What the secret-record flow needs of an account draft: its fields, stored references and the address rule. */
export function accountSecretPlanInput(
  draft: AccountDraft,
  existing: AccountConfig | undefined,
  typed: Readonly<Record<string, string>>,
): SecretPlanInput {
  return {
    fields: modeSecretFields(draft),
    stored: existing?.credentials ?? {},
    typed,
    who: `Account "${existing?.label ?? draft.label.trim()}"`,
    // Stored keys go only to the address they were saved for (the pool's default when none was set).
    address: existing
      ? { saved: existing.baseUrl ?? defaultBaseUrl(existing.pool, toRunnable(existing).mode), now: draft.baseUrl || defaultBaseUrl(draft.pool, draft.mode), place: 'address' }
      : undefined,
    missing: (field) => `Enter the ${field.name} for this account.`,
  };
}

function keptExpiry(date: string | null | undefined): { keyExpiresOn?: string } {
  return date ? { keyExpiresOn: date } : {};
}

/** Applies a draft to the stored config: which secrets to write, which references the config keeps, which go. */
export function applyDraft(
  draft: AccountDraft,
  existing: AccountConfig | undefined,
  secrets: Readonly<Record<string, string>>,
  id: string,
  /** The user's default interval: an account set to it keeps none of its own and follows the default. */
  defaultPollSec = DEFAULT_POLL_INTERVAL_SEC,
): { config: AccountConfig; plan: SecretPlan } {
  const plan = planSecrets(accountSecretPlanInput(draft, existing, secrets));
  const config: AccountConfig = {
    id,
    pool: draft.pool,
    label: draft.label.trim(),
    credentials: plan.refs,
    ...(draft.baseUrl ? { baseUrl: draft.baseUrl } : {}),
    ...(draft.pollIntervalSec && draft.pollIntervalSec !== defaultPollSec ? { pollIntervalSec: draft.pollIntervalSec } : {}),
    ...(draft.options?.subaccounts ? { subaccounts: draft.options.subaccounts } : {}),
    // Absent from the draft: the saved date stays; null: the user cleared it.
    ...keptExpiry(draft.keyExpiresOn === undefined ? existing?.keyExpiresOn : draft.keyExpiresOn),
  };
  return { config, plan };
}

/** The config as the UI may see it: references and whether a secret is present, never a value. */
export async function toConfigView(
  account: AccountConfig,
  store: SecretStore,
  env: Environment,
  defaultPollSec = DEFAULT_POLL_INTERVAL_SEC,
): Promise<AccountConfigView> {
  const runnable = toRunnable(account, defaultPollSec);
  const credentials: AccountConfigView['credentials'] = [];
  for (const [field, ref] of Object.entries(account.credentials)) {
    if ('env' in ref) {
      credentials.push({ field, source: 'env', env: ref.env, hasSecret: Boolean(env[ref.env]) });
      continue;
    }
    let hasSecret = false;
    try {
      hasSecret = Boolean(await store.get(account.id, field));
    } catch (error) {
      if (!(error instanceof SecretStoreUnavailableError)) throw error;
    }
    credentials.push({ field, source: 'keychain', env: null, hasSecret });
  }
  return {
    id: account.id,
    pool: account.pool,
    label: account.label,
    baseUrl: account.baseUrl ?? null,
    pollIntervalSec: runnable.pollIntervalSec,
    mode: runnable.mode,
    options: account.subaccounts ? { subaccounts: account.subaccounts } : {},
    credentials,
    keyExpiresOn: account.keyExpiresOn ?? null,
  };
}

/** A test connection gives up sooner than a background poll: a person is waiting. */
const TEST_TIMEOUT_MS = 20_000;

export interface ConnectionTestDeps {
  secrets: SecretStore;
  env: Environment;
  clock: Clock;
  httpLimits?: Partial<HttpLimits>;
}

/** Polls a draft once with the typed secrets (or the stored ones of `existing`) without saving anything. */
export async function testConnection(
  adapter: PoolAdapter,
  draft: AccountDraft,
  existing: AccountConfig | undefined,
  secrets: Readonly<Record<string, string>>,
  deps: ConnectionTestDeps,
): Promise<ConnectionTestResult> {
  const moved = secretsForNewAddress(accountSecretPlanInput(draft, existing, secrets));
  if (moved) return failedTest('error', moved);
  const credentials: Record<string, string> = {};
  for (const field of modeFields(draft)) {
    const typed = secrets[field]?.trim();
    if (typed) {
      credentials[field] = typed;
      continue;
    }
    const ref = existing?.credentials[field];
    if (!ref || !existing) return failedTest('error', `Enter the ${field} to test the connection.`);
    try {
      Object.assign(credentials, await resolveCredentials(existing.id, { [field]: ref }, deps.secrets, deps.env));
    } catch (error) {
      return failedTest('error', (error as Error).message);
    }
  }
  const problem = adapter.validateCredentials?.(credentials, draft.mode);
  if (problem) return failedTest('error', problem);

  const signal = AbortSignal.timeout(TEST_TIMEOUT_MS);
  try {
    const reading = await adapter.poll({
      baseUrl: draft.baseUrl ?? defaultBaseUrl(draft.pool, draft.mode),
      credentials,
      options: { subaccounts: draft.options?.subaccounts },
      http: createPoolHttpClient(adapter, { ...deps.httpLimits, maxRetries: 0 }, () => deps.clock.now()),
      now: () => deps.clock.now(),
      signal,
      previous: null,
    });
    const limited = reading.limitations.length > 0;
    return {
      ok: true,
      status: limited ? 'permission_limited' : 'ok',
      message: limited ? reading.limitations.join(' ') : null,
      limitations: reading.limitations,
      workers: countWorkers(reading.workers),
      groups: reading.groups.map((group) => group.name),
    };
  } catch (error) {
    const secretsUsed = Object.values(credentials);
    if (isPoolError(error)) {
      return failedTest(STATUS_BY_ERROR_KIND[error.kind], redactSecrets(error.message, secretsUsed));
    }
    return failedTest('error', redactSecrets(`The test failed unexpectedly: ${(error as Error).message}`, secretsUsed));
  }
}

function failedTest(status: ConnectionTestResult['status'], message: string): ConnectionTestResult {
  return { ok: false, status, message, limitations: [], workers: null, groups: [] };
}

/** What account editing shares with the engine (Engine.context). */
export interface AccountContext extends ConnectionTestDeps {
  settings: SettingsStore;
  logger: Logger;
  events: UiEventBus;
}

/** The scheduler side of the engine that editing drives: a saved account's runner restarts, a removed one stops. */
export interface AccountScheduler {
  readonly context: AccountContext;
  requireAccount(id: string): AccountConfig;
  follow(account: AccountConfig): void;
  unfollow(id: string): void;
}

export type AccountChannel = 'accounts:list' | 'accounts:save' | 'accounts:remove' | 'accounts:test';

/** Adds, changes, removes and tests accounts (the accounts:* channels); the engine only schedules their runners. */
export class AccountEditor {
  private readonly context: AccountContext;

  constructor(private readonly engine: AccountScheduler) {
    this.context = engine.context;
  }

  readonly requests: Pick<RequestHandlers, AccountChannel> = {
    'accounts:list': () => this.list(),
    'accounts:save': ({ account, secrets }) => this.save(account, secrets),
    'accounts:remove': ({ id }) => this.remove(id),
    'accounts:test': ({ account, secrets }) => this.test(account, secrets),
  };

  handle<C extends AccountChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
    return callHandler(this.requests, channel, request);
  }

  private get defaultPollSec(): number {
    return defaultPollIntervalSec(this.context.settings.current());
  }

  private get accounts(): AccountConfig[] {
    return this.context.settings.current().accounts;
  }

  private async list(): Promise<AccountConfigView[]> {
    return Promise.all(this.accounts.map((account) => toConfigView(account, this.context.secrets, this.context.env, this.defaultPollSec)));
  }

  private async save(draft: AccountDraft, secrets: Readonly<Record<string, string>>): Promise<AccountConfigView> {
    const adapter = createAdapter(draft.pool);
    await this.refreshConfig();
    const existing = draft.id ? this.engine.requireAccount(draft.id) : undefined;
    if (existing && existing.pool !== draft.pool) {
      throw new ContractError('invalid_request', 'The pool of an existing account cannot change; add a new account instead.');
    }
    const id = existing?.id ?? newRecordId(draft.label, new Set(this.accounts.map((account) => account.id)), 'account');
    const { config, plan } = applyDraft(draft, existing, secrets, id, this.defaultPollSec);
    const problem = adapter.validateCredentials?.(await this.mergedSecrets(config, plan.toStore), draft.mode);
    if (problem) throw new ContractError('invalid_request', problem);

    await writeSecretRecord({
      store: this.context.secrets,
      keychainAccount: id,
      plan,
      existing: existing !== undefined,
      persist: () =>
        this.persist((current) => {
          if (!existing && current.accounts.some((account) => account.id === id)) {
            throw new ContractError('config_error', `An account "${id}" was just added to ${this.context.settings.location} by hand; save again to add yours under another id.`);
          }
          return {
            ...current,
            accounts: existing ? current.accounts.map((account) => (account.id === id ? config : account)) : [...current.accounts, config],
          };
        }),
    });
    this.engine.follow(config);
    this.context.logger.info(`account ${id}: ${existing ? 'updated' : 'added'}`);
    return toConfigView(config, this.context.secrets, this.context.env, this.defaultPollSec);
  }

  /** Credential values for validation: typed ones, else what is stored. Missing stored values are skipped. */
  private async mergedSecrets(config: AccountConfig, typed: Record<string, string>): Promise<Record<string, string>> {
    const merged: Record<string, string> = {};
    for (const [field, ref] of Object.entries(config.credentials)) {
      if (typed[field]) merged[field] = typed[field];
      else if ('env' in ref) merged[field] = this.context.env[ref.env] ?? '';
      else merged[field] = (await this.context.secrets.get(config.id, field).catch(() => null)) ?? '';
    }
    return merged;
  }

  private async remove(id: string): Promise<{ removed: boolean }> {
    await this.refreshConfig();
    const account = this.engine.requireAccount(id);
    this.engine.unfollow(id);
    await this.persist((current) => ({ ...current, accounts: current.accounts.filter((candidate) => candidate.id !== id) }));
    await deleteRecordSecrets(this.context.secrets, id, account.credentials);
    this.context.events.emit({ channel: 'state:account-removed', payload: { id } });
    this.context.logger.info(`account ${id}: removed`);
    return { removed: true };
  }

  /** Polls a draft once with the typed secrets (or the stored ones) without saving anything. */
  private async test(draft: AccountDraft, secrets: Readonly<Record<string, string>>): Promise<ConnectionTestResult> {
    const adapter = createAdapter(draft.pool);
    const existing = draft.id ? this.accounts.find((account) => account.id === draft.id) : undefined;
    return testConnection(adapter, draft, existing, secrets, this.context);
  }

  private async persist(change: (config: AppConfig) => AppConfig): Promise<void> {
    await settingsRequest(this.context.settings, (settings) => settings.update(change));
  }

  /** Edits start from the file as it is now: an account added or changed there by hand is known first. */
  private async refreshConfig(): Promise<void> {
    await settingsRequest(this.context.settings, (settings) => settings.refresh());
  }
}



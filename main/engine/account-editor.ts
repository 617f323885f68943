import { POOLS, countWorkers } from '../../shared/model';
import { ContractError, type AccountConfigView, type AccountDraft, type ConnectionTestResult } from '../../shared/contract';
import { KeychainUnavailableError, type SecretStore } from '../secrets/secret-store';
import { resolveCredentials, type Environment } from '../secrets/credential-resolver';
import { planSecrets, secretsForNewAddress, type SecretPlan, type SecretPlanInput, type SecretRecordField } from '../secrets/secret-record';
import { createPoolHttpClient, defaultBaseUrl } from '../pools/registry';
import type { PoolAdapter } from '../pools/adapter';
import type { HttpLimits } from '../pools/http-client';
import { isPoolError } from '../base/pool-error';
import { redactSecrets } from '../base/redaction';
import type { Clock } from '../base/clock';
import { STATUS_BY_ERROR_KIND } from './account-status';
import { DEFAULT_POLL_INTERVAL_SEC, type AccountConfig } from '../store/config-schema';
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

/** Applies a draft to the stored config: which secrets to write, which references the config keeps, which go. */
export function applyDraft(
  draft: AccountDraft,
  existing: AccountConfig | undefined,
  secrets: Readonly<Record<string, string>>,
  id: string,
): { config: AccountConfig; plan: SecretPlan } {
  const plan = planSecrets(accountSecretPlanInput(draft, existing, secrets));
  const config: AccountConfig = {
    id,
    pool: draft.pool,
    label: draft.label.trim(),
    credentials: plan.refs,
    ...(draft.baseUrl ? { baseUrl: draft.baseUrl } : {}),
    ...(draft.pollIntervalSec && draft.pollIntervalSec !== DEFAULT_POLL_INTERVAL_SEC ? { pollIntervalSec: draft.pollIntervalSec } : {}),
    ...(draft.options?.subaccounts ? { subaccounts: draft.options.subaccounts } : {}),
  };
  return { config, plan };
}

/** The config as the UI may see it: references and whether a secret is present, never a value. */
export async function toConfigView(account: AccountConfig, store: SecretStore, env: Environment): Promise<AccountConfigView> {
  const runnable = toRunnable(account);
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
      if (!(error instanceof KeychainUnavailableError)) throw error;
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
      http: createPoolHttpClient(adapter, { ...deps.httpLimits, maxRetries: 0 }),
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

import { POOLS } from '../../shared/model';
import { ContractError, type AccountConfigView, type AccountDraft } from '../../shared/contract';
import { KeychainUnavailableError, type SecretStore } from '../secrets/secret-store';
import type { Environment } from '../secrets/credential-resolver';
import { planSecrets, type SecretPlan, type SecretPlanInput, type SecretRecordField } from '../secrets/secret-record';
import { defaultBaseUrl } from '../pools/registry';
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

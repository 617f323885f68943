import { AccountDraftSchema, type AccountConfigView, type AccountDraft } from '../../../shared/contract';
import { POOLS, poolHas, type ConnectionMode, type CredentialField, type PoolId } from '../../../shared/model';
import {
  collectTypedSecrets,
  isHttpUrl,
  labelError,
  missingSecrets,
  secretStateOf,
  type SecretInputs,
  type SecretState,
} from '../records/secret-record-model';
import { formatSubaccounts, parseSubaccounts } from './subaccounts-text';

export type { SecretInputs, SecretState } from '../records/secret-record-model';

export const DEFAULT_POLL_INTERVAL_SEC = 60;
export const MIN_POLL_INTERVAL_SEC = 10;
export const MAX_POLL_INTERVAL_SEC = 3600;

/** What the form's plain inputs hold, as typed. Secrets are kept apart (SecretInputs) and never stored. */
export interface AccountFormValues {
  pool: PoolId;
  mode: string;
  label: string;
  baseUrl: string;
  pollIntervalSec: string;
  /** Pools with subaccount selection (Spider): "main:btc, backup:ltc", or empty to watch every subaccount the key can see. */
  subaccounts: string;
  /** When the API key expires, YYYY-MM-DD (a date input), or empty when unknown. */
  keyExpiresOn: string;
}

export type FormField = 'pool' | 'mode' | 'label' | 'baseUrl' | 'pollIntervalSec' | 'subaccounts' | 'keyExpiresOn' | 'secrets';
export type FormErrors = Partial<Record<FormField, string>>;

/** `pollIntervalSec`: the user's default (Settings), which a new account follows unless changed here. */
export function newAccountValues(pool: PoolId = 'sbi', pollIntervalSec = DEFAULT_POLL_INTERVAL_SEC): AccountFormValues {
  return {
    pool,
    mode: POOLS[pool].modes[0]?.id ?? '',
    label: '',
    baseUrl: '',
    pollIntervalSec: String(pollIntervalSec),
    subaccounts: '',
    keyExpiresOn: '',
  };
}

export function valuesFromConfig(config: AccountConfigView): AccountFormValues {
  return {
    pool: config.pool,
    mode: config.mode,
    label: config.label,
    baseUrl: config.baseUrl ?? '',
    pollIntervalSec: String(config.pollIntervalSec),
    subaccounts: formatSubaccounts(config.options.subaccounts),
    keyExpiresOn: config.keyExpiresOn ?? '',
  };
}

/** Switching pools picks the new pool's first connection mode unless the current one also exists there. */
export function withPool(values: AccountFormValues, pool: PoolId): AccountFormValues {
  const keepsMode = POOLS[pool].modes.some((mode) => mode.id === values.mode);
  return { ...values, pool, mode: keepsMode ? values.mode : (POOLS[pool].modes[0]?.id ?? '') };
}

export function selectedMode(values: AccountFormValues): ConnectionMode | null {
  const modes = POOLS[values.pool].modes;
  return modes.find((mode) => mode.id === values.mode) ?? null;
}

/** What the engine holds for one credential field of an existing account (never the value itself). */
export function secretState(field: CredentialField, existing: AccountConfigView | null): SecretState {
  return secretStateOf(field.name, existing?.credentials ?? null);
}

/** The typed secrets of the chosen mode, trimmed; empty ones are left out, which keeps the stored value. */
export function collectSecrets(mode: ConnectionMode, inputs: SecretInputs): Record<string, string> {
  return collectTypedSecrets(mode.fields, inputs);
}

/** Labels of fields that have neither a typed value nor one the engine already holds. */
export function missingSecretLabels(mode: ConnectionMode, inputs: SecretInputs, existing: AccountConfigView | null): string[] {
  return missingSecrets(mode.fields, inputs, existing?.credentials ?? null);
}

export type AccountRequest = { account: AccountDraft; secrets: Record<string, string> };

/** Turns the form and the typed secrets into an accounts:save / accounts:test request, or says what to fix. */
export function buildAccountRequest(
  values: AccountFormValues,
  secrets: SecretInputs,
  existing: AccountConfigView | null,
): { ok: true; request: AccountRequest } | { ok: false; errors: FormErrors } {
  const built = buildDraft(values, existing);
  if (!built.ok) return built;
  const mode = selectedMode(values);
  if (mode === null) return { ok: false, errors: { mode: 'Choose a connection mode.' } };
  const missing = missingSecretLabels(mode, secrets, existing);
  if (missing.length > 0) return { ok: false, errors: { secrets: `Enter the ${missing.join(' and ')}.` } };
  return { ok: true, request: { account: built.draft, secrets: collectSecrets(mode, secrets) } };
}

/** Turns the form into an AccountDraft, or says what to fix, field by field. */
export function buildDraft(
  values: AccountFormValues,
  existing: AccountConfigView | null,
): { ok: true; draft: AccountDraft } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const label = values.label.trim();
  const badLabel = labelError(label);
  if (badLabel !== null) errors.label = badLabel;

  const baseUrl = values.baseUrl.trim();
  if (baseUrl !== '' && !isHttpUrl(baseUrl)) errors.baseUrl = 'Enter a full address starting with https:// or http://.';

  const pollIntervalSec = Number(values.pollIntervalSec.trim());
  if (
    values.pollIntervalSec.trim() === '' ||
    !Number.isInteger(pollIntervalSec) ||
    pollIntervalSec < MIN_POLL_INTERVAL_SEC ||
    pollIntervalSec > MAX_POLL_INTERVAL_SEC
  ) {
    errors.pollIntervalSec = `Enter whole seconds from ${MIN_POLL_INTERVAL_SEC} to ${MAX_POLL_INTERVAL_SEC}.`;
  }

  if (selectedMode(values) === null) errors.mode = 'Choose a connection mode.';

  const options = draftOptions(values, existing);
  if (!options.ok) errors.subaccounts = options.error;
  if (!options.ok || Object.keys(errors).length > 0) return { ok: false, errors };

  const keyExpiresOn = values.keyExpiresOn.trim();
  const draft: AccountDraft = {
    pool: values.pool,
    mode: values.mode,
    label,
    baseUrl: baseUrl === '' ? null : baseUrl,
    pollIntervalSec,
    keyExpiresOn: keyExpiresOn === '' ? null : keyExpiresOn,
    ...(existing === null ? {} : { id: existing.id }),
    ...(options.value === undefined ? {} : { options: options.value }),
  };
  // The shared schema has the last word, so the form never sends what the engine would refuse.
  const parsed = AccountDraftSchema.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      const key: FormField =
        field === 'label' || field === 'baseUrl' || field === 'pollIntervalSec' || field === 'mode' || field === 'keyExpiresOn'
          ? field
          : field === 'options'
            ? 'subaccounts'
            : 'pool';
      errors[key] ??= issue.message;
    }
    return { ok: false, errors };
  }
  return { ok: true, draft: parsed.data };
}

/**
 * The draft's pool options. Pools with subaccount selection (Spider) take them from the subaccounts input
 * (empty: discover them all); other pools keep whatever the saved account has.
 */
function draftOptions(
  values: AccountFormValues,
  existing: AccountConfigView | null,
): { ok: true; value: AccountDraft['options'] } | { ok: false; error: string } {
  if (!poolHas(values.pool, 'subaccountSelection')) return { ok: true, value: existing?.options };
  const parsed = parseSubaccounts(values.subaccounts);
  if (!parsed.ok) return parsed;
  return { ok: true, value: parsed.subaccounts.length > 0 ? { subaccounts: parsed.subaccounts } : {} };
}

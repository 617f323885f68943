import type { SecretStoreInfo } from '../../../shared/contract';

/**
 * The draft model shared by every form that saves a record whose secrets live in the keychain (accounts,
 * notification channels): what the engine holds for each secret field, what was typed, and what to send.
 * Secret values stay in the form's own state; the engine only ever says whether it holds one.
 */

/** A secret field as a record kind describes it. */
export interface SecretFieldSpec {
  name: string;
  label: string;
  /** May stay empty (ntfy's access token). */
  optional?: boolean;
}

/** What the engine tells about one secret of a saved record: never the value, only where it is and whether it is there. */
export interface SecretStatus {
  field: string;
  hasSecret: boolean;
  source?: 'keychain' | 'env';
  env?: string | null;
}

/** Values typed in secret inputs, by field name; blank means "keep the stored one". */
export type SecretInputs = Readonly<Record<string, string>>;

export type SecretState = { kind: 'stored' } | { kind: 'env'; env: string; present: boolean } | { kind: 'missing' };

/** What the engine holds for one secret field of a saved record (null: a new record). */
export function secretStateOf(fieldName: string, statuses: readonly SecretStatus[] | null): SecretState {
  const status = statuses?.find((candidate) => candidate.field === fieldName);
  if (status === undefined) return { kind: 'missing' };
  if (status.source === 'env') return { kind: 'env', env: status.env ?? '', present: status.hasSecret };
  return status.hasSecret ? { kind: 'stored' } : { kind: 'missing' };
}

/** The typed secrets of the given fields, trimmed; empty ones are left out, which keeps the stored value. */
export function collectTypedSecrets(fields: readonly SecretFieldSpec[], inputs: SecretInputs): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const field of fields) {
    const value = (inputs[field.name] ?? '').trim();
    if (value !== '') secrets[field.name] = value;
  }
  return secrets;
}

/** Labels of required fields that have neither a typed value nor one the engine already holds. */
export function missingSecrets(fields: readonly SecretFieldSpec[], inputs: SecretInputs, statuses: readonly SecretStatus[] | null): string[] {
  return fields
    .filter((field) => field.optional !== true && (inputs[field.name] ?? '').trim() === '' && secretStateOf(field.name, statuses).kind === 'missing')
    .map((field) => field.label);
}

/** A record's label: required, at most 80 characters (as the engine's schema says). */
export function labelError(label: string): string | null {
  const trimmed = label.trim();
  if (trimmed === '') return 'Enter a label.';
  if (trimmed.length > 80) return 'Keep the label to 80 characters.';
  return null;
}

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** One line of a record's facts in a list ("API key: stored in keychain"); tone null is plain text. */
export interface RecordFact {
  label: string;
  text: string;
  tone: 'ok' | 'problem' | null;
}

/** Where PoolWatch keeps typed secrets, as the engine said (state:get); null until it has. */
export type SecretStorePlace = SecretStoreInfo | null | undefined;

/** "stored in keychain", or "stored in secrets file" on a machine that keeps them in the encrypted file. */
export function storedText(store: SecretStorePlace): string {
  return store?.kind === 'file' ? 'stored in secrets file' : 'stored in keychain';
}

/** Said above a form's Save, so the user knows where a typed secret will go before it goes there. */
export function secretStoreNote(store: SecretStorePlace): string | null {
  if (store === null || store === undefined) return null;
  if (store.kind === 'keychain') return 'Secrets you type here are saved in the system keychain, never in the config file.';
  return (
    `This machine has no system keychain in use: secrets you type here are saved encrypted in ${store.file ?? 'the secrets file'}, ` +
    'never in the config file.'
  );
}

/** How a saved secret reads in the list: where it is, or that it is missing (or just not set, when optional). */
export function secretFact(field: SecretFieldSpec, state: SecretState, store?: SecretStorePlace): { text: string; missing: boolean } {
  if (state.kind === 'stored') return { text: storedText(store), missing: false };
  if (state.kind === 'env') return { text: `from environment variable ${state.env}${state.present ? '' : ' (not set)'}`, missing: !state.present };
  return field.optional === true ? { text: 'not set', missing: false } : { text: 'missing', missing: true };
}

/** The hint under a secret input of a saved record; null when there is nothing stored to keep. */
export function keptSecretHint(state: SecretState, store?: SecretStorePlace): string | null {
  if (state.kind === 'stored') return `${storedText(store)} — leave empty to keep it`;
  if (state.kind === 'env') return `from environment variable ${state.env}${state.present ? '' : ' (not set)'} — leave empty to keep it`;
  return null;
}

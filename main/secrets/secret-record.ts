import { ContractError } from '../../shared/contract';
import type { CredentialRef } from '../../shared/model';
import { retypeMessage, secretsNotRetyped } from './address-binding';
import { SecretStoreUnavailableError, type SecretStore } from './secret-store';

/**
 * The one flow for saving a record whose secrets live in the keychain (pool accounts, notification channels):
 * decide which secrets were typed and which are kept, refuse kept ones for a new address, write the typed ones,
 * write the config, and take the secrets back if the config could not be written.
 */

/** A secret field of a record, as its kind describes it. */
export interface SecretRecordField {
  name: string;
  label: string;
  /** May stay empty (ntfy's access token); a required field needs a typed or a stored value. */
  optional?: boolean;
}

/** Where a record's requests go: stored secrets may only be sent to the address they were saved for. */
export interface AddressChange {
  saved: string;
  now: string;
  /** How the message calls it: "address" (an account's base URL), "server" (ntfy). */
  place: string;
}

export interface SecretPlanInput {
  /** The secret fields the record uses now. */
  fields: readonly SecretRecordField[];
  /** References the saved record holds (empty for a new record), by field name. */
  stored: Readonly<Record<string, CredentialRef>>;
  /** Values typed in the form; blank means "keep the stored one". */
  typed: Readonly<Record<string, string>>;
  /** Names the record in messages: `Account "Main farm"`. */
  who: string;
  /** The saved and the new address, for an edited record whose kind has one. */
  address?: AddressChange;
  /** Checks a typed value and returns it normalized (throws ContractError naming the field, never the value); default: trimmed. */
  normalize?: (field: SecretRecordField, value: string) => string;
  /** The message for a required field with neither a typed nor a stored value. */
  missing: (field: SecretRecordField) => string;
}

export interface SecretPlan {
  /** The references the config keeps: typed secrets become keychain entries, kept ones stay as they were. */
  refs: Record<string, CredentialRef>;
  /** Typed, normalized values to write to the keychain. */
  toStore: Record<string, string>;
  /** Stored fields the record no longer uses (another connection mode): deleted once the config is written. */
  stale: string[];
}

/** Why the record may not keep its stored secrets: it points at another address and they were not typed again. */
export function secretsForNewAddress(input: Pick<SecretPlanInput, 'fields' | 'stored' | 'typed' | 'who' | 'address'>): string | null {
  if (!input.address) return null;
  const missing = secretsNotRetyped(input.fields, new Set(Object.keys(input.stored)), input.typed, input.address);
  return missing.length > 0 ? retypeMessage(input.who, missing, input.address.place) : null;
}

/**
 * One field's decision: a typed value (checked) goes to the keychain, else the stored reference is kept, else
 * null for an optional field; a required field with neither is refused.
 */
export function decideSecret(field: SecretRecordField, input: SecretPlanInput): { ref: CredentialRef; value?: string } | null {
  const typed = input.typed[field.name]?.trim();
  if (typed) return { ref: { keychain: true }, value: input.normalize ? input.normalize(field, typed) : typed };
  const kept = input.stored[field.name];
  if (kept) return { ref: kept };
  if (field.optional) return null;
  throw new ContractError('invalid_request', input.missing(field));
}

/** Decides typed vs kept secrets; throws ContractError('invalid_request') for a new address or a missing value. */
export function planSecrets(input: SecretPlanInput): SecretPlan {
  const moved = secretsForNewAddress(input);
  if (moved) throw new ContractError('invalid_request', moved);
  const refs: Record<string, CredentialRef> = {};
  const toStore: Record<string, string> = {};
  for (const field of input.fields) {
    const decision = decideSecret(field, input);
    if (decision === null) continue;
    refs[field.name] = decision.ref;
    if (decision.value !== undefined) toStore[field.name] = decision.value;
  }
  const stale = Object.keys(input.stored).filter((name) => !input.fields.some((field) => field.name === name));
  return { refs, toStore, stale };
}

export interface SecretWrite {
  store: SecretStore;
  /** The keychain "account" the record's secrets are filed under. */
  keychainAccount: string;
  plan: Pick<SecretPlan, 'toStore' | 'stale'>;
  /** The record is saved already: its secrets are read before they are overwritten, to be put back if the save fails. */
  existing: boolean;
  /** Writes the record to the config; its error is passed on after the secrets are taken back. */
  persist: () => Promise<void>;
}

function keychainError(error: unknown): unknown {
  return error instanceof SecretStoreUnavailableError ? new ContractError('keychain_unavailable', error.message) : error;
}

/**
 * Writes the typed secrets, then the config. When either fails, every secret written is put back as it was
 * (removed where there was none), so the keychain never holds values the config does not describe.
 */
export async function writeSecretRecord({ store, keychainAccount, plan, existing, persist }: SecretWrite): Promise<void> {
  const previous = new Map<string, string | null>();
  const restore = async (): Promise<void> => {
    for (const [field, value] of previous) {
      await (value === null ? store.delete(keychainAccount, field) : store.set(keychainAccount, field, value)).catch(() => false);
    }
  };
  try {
    for (const [field, value] of Object.entries(plan.toStore)) {
      // A new record had nothing there; reading would only ask the keychain once more.
      previous.set(field, existing ? await store.get(keychainAccount, field) : null);
      await store.set(keychainAccount, field, value);
    }
  } catch (error) {
    await restore();
    throw keychainError(error);
  }
  try {
    await persist();
  } catch (error) {
    await restore();
    throw error;
  }
  // The config no longer names these: a failure to delete leaves an unused entry, not a broken record.
  for (const field of plan.stale) await store.delete(keychainAccount, field).catch(() => false);
}

/** After a record left the config: its keychain entries go too (best effort; an {env} reference is not ours to delete). */
export async function deleteRecordSecrets(store: SecretStore, keychainAccount: string, refs: Readonly<Record<string, CredentialRef>>): Promise<void> {
  for (const [field, ref] of Object.entries(refs)) {
    if ('keychain' in ref) await store.delete(keychainAccount, field).catch(() => false);
  }
}

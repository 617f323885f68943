import { CHANNEL_FIELDS, ContractError, type ChannelDraft, type ChannelView } from '../../../shared/contract';
import { decideSecret, secretsForNewAddress, type SecretPlanInput } from '../../secrets/secret-record';
import { sameAddress } from '../../secrets/address-binding';
import type { CredentialRef } from '../../../shared/model';
import { newRecordId } from '../../store/record-id';
import type { Environment } from '../../secrets/credential-resolver';
import { SecretStoreUnavailableError, type SecretStore } from '../../secrets/secret-store';
import type { ChannelConfig } from '../../store/config-schema';
import { fieldLabel, validateChannelField } from './channel-validation';
import { channelKind } from './kinds';
import { hasRoutes } from '../channel-routing';

/** The keychain "account" a channel's secrets are filed under, apart from pool accounts' entries. */
export function channelSecretAccount(channelId: string): string {
  return `channel-${channelId}`;
}

/** A new channel id from its label, readable in the config file; "channel" when the label has no letters. */
export function newChannelId(label: string, taken: ReadonlySet<string>): string {
  return newRecordId(/[a-z0-9]/i.test(label) ? label : 'channel', taken, 'channel');
}

/** What the secret-record flow needs of a channel draft: its secret fields, stored references and the address rule. */
export function channelSecretPlanInput(
  draft: ChannelDraft,
  existing: ChannelConfig | undefined,
  typed: Readonly<Record<string, string>>,
): SecretPlanInput {
  // The setting that says where requests go, where it is not itself a secret (a webhook URL is): a stored topic
  // or token is sent only to the server it was saved for.
  const setting = channelKind(draft.kind).addressSetting;
  return {
    fields: CHANNEL_FIELDS[draft.kind].filter((field) => field.secret),
    stored: existing?.secrets ?? {},
    typed,
    who: `Channel "${existing?.label ?? draft.label.trim()}"`,
    address: existing && setting ? { saved: existing.settings[setting] ?? '', now: draft.settings[setting]?.trim() ?? '', place: 'server' } : undefined,
    normalize: (field, value) => validateChannelField(draft.kind, field.name, value),
    missing: (field) => `Enter the ${fieldLabel(draft.kind, field.name)}.`,
  };
}

/**
 * Applies a draft to the stored config: which secrets to write and which references the config keeps.
 * Typed values are validated; a blank secret keeps the stored one. Throws ContractError('invalid_request').
 */
export function applyChannelDraft(
  draft: ChannelDraft,
  existing: ChannelConfig | undefined,
  typedSecrets: Readonly<Record<string, string>>,
  id: string,
): { config: ChannelConfig; toStore: Record<string, string> } {
  const fields = CHANNEL_FIELDS[draft.kind];
  for (const name of Object.keys(draft.settings)) {
    const field = fields.find((candidate) => candidate.name === name);
    if (!field) throw new ContractError('invalid_request', `A ${draft.kind} channel has no setting "${name}".`);
    if (field.secret) throw new ContractError('invalid_request', `The ${field.label} is secret: it goes with the secrets, not the settings.`);
  }
  for (const [name, value] of Object.entries(typedSecrets)) {
    const known = fields.some((candidate) => candidate.name === name && candidate.secret);
    if (!known && value.trim() !== '') throw new ContractError('invalid_request', `A ${draft.kind} channel has no secret "${name}".`);
  }
  const input = channelSecretPlanInput(draft, existing, typedSecrets);
  const moved = secretsForNewAddress(input);
  if (moved) throw new ContractError('invalid_request', moved);

  // Field by field in the kind's order, so the first problem reported is the first field's.
  const settings: Record<string, string> = {};
  const secrets: Record<string, CredentialRef> = {};
  const toStore: Record<string, string> = {};
  for (const field of fields) {
    if (field.secret) {
      const decision = decideSecret(field, input);
      if (decision) secrets[field.name] = decision.ref;
      if (decision?.value !== undefined) toStore[field.name] = decision.value;
      continue;
    }
    const value = draft.settings[field.name]?.trim() ?? '';
    if (value) settings[field.name] = validateChannelField(draft.kind, field.name, value);
    else if (!field.optional) throw new ContractError('invalid_request', `Enter the ${field.label}.`);
  }
  channelKind(draft.kind).checkTogether?.(settings);
  // Secrets PoolWatch makes (ntfy's reply topic): kept while the server stays, made anew for a new one.
  const unmoved = !input.address || sameAddress(input.address.saved, input.address.now);
  for (const [name, generate] of Object.entries(channelKind(draft.kind).generatedSecrets ?? {})) {
    const kept = existing?.secrets[name];
    if (kept && unmoved) {
      secrets[name] = kept;
      continue;
    }
    secrets[name] = { keychain: true };
    toStore[name] = generate();
  }
  const config: ChannelConfig = {
    id,
    kind: draft.kind,
    label: draft.label.trim(),
    enabled: draft.enabled,
    minSeverity: draft.minSeverity,
    settings,
    secrets,
    ...(draft.routes && hasRoutes(draft.routes) ? { routes: draft.routes } : {}),
    ...(draft.digest && (draft.digest.daily || draft.digest.weekly) ? { digest: draft.digest } : {}),
  };
  return { config, toStore };
}

/** Whether the keychain (or the environment) holds a value; false when the keychain cannot be asked. */
async function hasValue(channelId: string, field: string, ref: CredentialRef | undefined, store: SecretStore, env: Environment): Promise<boolean> {
  if (!ref) return false;
  if ('env' in ref) return Boolean(env[ref.env]);
  try {
    return Boolean(await store.get(channelSecretAccount(channelId), field));
  } catch (error) {
    if (error instanceof SecretStoreUnavailableError) return false;
    throw error;
  }
}

/** The channel as the UI may see it: settings, and whether each secret is present, never a value. */
export async function toChannelView(channel: ChannelConfig, store: SecretStore, env: Environment): Promise<ChannelView> {
  const secrets: ChannelView['secrets'] = [];
  for (const field of CHANNEL_FIELDS[channel.kind]) {
    if (!field.secret) continue;
    secrets.push({ field: field.name, hasSecret: await hasValue(channel.id, field.name, channel.secrets[field.name], store, env) });
  }
  const settings: Record<string, string> = {};
  for (const field of CHANNEL_FIELDS[channel.kind]) {
    const value = channel.settings[field.name];
    if (!field.secret && value !== undefined) settings[field.name] = value;
  }
  return {
    id: channel.id,
    kind: channel.kind,
    label: channel.label,
    enabled: channel.enabled,
    minSeverity: channel.minSeverity,
    settings,
    secrets,
    ...(channel.routes ? { routes: channel.routes } : {}),
    ...(channel.digest ? { digest: channel.digest } : {}),
  };
}

/** A channel's secret could not be read; the message is safe to show and log. */
export class ChannelSecretError extends Error {
  constructor(
    message: string,
    /** Worth retrying later (a locked keychain), unlike a missing value. */
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'ChannelSecretError';
  }
}

/** Every field value of a stored channel, secrets read from the keychain or the environment just before use. */
export async function resolveChannelValues(channel: ChannelConfig, store: SecretStore, env: Environment): Promise<Record<string, string>> {
  const values: Record<string, string> = { ...channel.settings };
  for (const [field, ref] of Object.entries(channel.secrets)) {
    const label = fieldLabel(channel.kind, field);
    if ('env' in ref) {
      const value = env[ref.env];
      if (!value) throw new ChannelSecretError(`The environment variable ${ref.env} (${label}) is not set.`, false);
      values[field] = value;
      continue;
    }
    let value: string | null;
    try {
      value = await store.get(channelSecretAccount(channel.id), field);
    } catch (error) {
      if (error instanceof SecretStoreUnavailableError) throw new ChannelSecretError(error.message, true);
      throw error;
    }
    if (!value) throw new ChannelSecretError(`The secret store holds no ${label} for this channel; edit the channel and enter it again.`, false);
    values[field] = value;
  }
  return values;
}

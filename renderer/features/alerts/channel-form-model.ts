import {
  CHANNEL_FIELDS,
  CHANNEL_KIND_SPECS,
  CHANNEL_KINDS,
  ChannelDraftSchema,
  type ChannelDraft,
  type ChannelKind,
  type ChannelView,
} from '../../../shared/contract';
import type { Severity } from '../../../shared/model';
import { collectTypedSecrets, isHttpUrl, labelError, secretFact, secretStateOf, type RecordFact, type SecretInputs, type SecretStorePlace } from '../records/secret-record-model';

export type { SecretInputs } from '../records/secret-record-model';

export type ChannelField = (typeof CHANNEL_FIELDS)[ChannelKind][number];

/** Each kind's name in the form and the list. */
export const CHANNEL_KIND_LABELS = Object.fromEntries(CHANNEL_KINDS.map((kind) => [kind, CHANNEL_KIND_SPECS[kind].label])) as Record<ChannelKind, string>;

export const SEVERITY_OPTIONS: readonly { value: Severity; label: string }[] = [
  { value: 'info', label: 'Info (everything)' },
  { value: 'warning', label: 'Warning' },
  { value: 'critical', label: 'Critical' },
];

/** What the form's plain inputs hold. Secret fields are kept apart (SecretInputs) and never stored. */
export interface ChannelFormValues {
  kind: ChannelKind;
  label: string;
  enabled: boolean;
  minSeverity: Severity;
  /** Non-secret fields by name, as typed. */
  settings: Record<string, string>;
}

/** Errors by 'label', 'form', or a field name. */
export type ChannelFormErrors = Record<string, string>;

export type ChannelRequest = { channel: ChannelDraft; secrets: Record<string, string> };

export function isChannelKind(value: string): value is ChannelKind {
  return (CHANNEL_KINDS as readonly string[]).includes(value);
}

export function newChannelValues(kind: ChannelKind = 'webhook'): ChannelFormValues {
  return { kind, label: '', enabled: true, minSeverity: 'warning', settings: {} };
}

export function valuesFromChannel(channel: ChannelView): ChannelFormValues {
  return {
    kind: channel.kind,
    label: channel.label,
    enabled: channel.enabled,
    minSeverity: channel.minSeverity,
    settings: { ...channel.settings },
  };
}

export function channelFields(kind: ChannelKind): readonly ChannelField[] {
  return CHANNEL_FIELDS[kind];
}

/** Whether the engine holds a secret for this field of a saved channel (never the value itself). */
export function hasStoredSecret(existing: ChannelView | null, fieldName: string): boolean {
  return secretStateOf(fieldName, existing?.secrets ?? null).kind === 'stored';
}

function fieldError(field: ChannelField, value: string, stored: boolean): string | null {
  if (value === '') return stored || field.optional === true ? null : `Enter the ${field.label}.`;
  // Addresses are checked here so a typo is caught before the test message fails.
  if (field.url === true && !isHttpUrl(value)) return `Enter a full address starting with https:// or http:// for the ${field.label}.`;
  return null;
}

/**
 * Turns the form into a channels:save / channels:test request, or says what to fix. Typed secrets are
 * trimmed and sent; an empty secret field is left out, which keeps the stored value.
 */
export function buildChannelRequest(
  values: ChannelFormValues,
  secretInputs: SecretInputs,
  existing: ChannelView | null,
): { ok: true; request: ChannelRequest } | { ok: false; errors: ChannelFormErrors } {
  const errors: ChannelFormErrors = {};
  const label = values.label.trim();
  const badLabel = labelError(label);
  if (badLabel !== null) errors.label = badLabel;

  // Keeps settings the form does not show (saved by a newer version or by hand in the config file).
  const settings: Record<string, string> = existing === null ? {} : { ...existing.settings };
  for (const field of channelFields(values.kind)) {
    const typed = ((field.secret ? secretInputs[field.name] : values.settings[field.name]) ?? '').trim();
    const stored = field.secret && hasStoredSecret(existing, field.name);
    const problem = fieldError(field, typed, stored);
    if (problem !== null) errors[field.name] = problem;
    if (field.secret) continue;
    if (typed === '') delete settings[field.name];
    else settings[field.name] = typed;
  }
  const secrets = collectTypedSecrets(
    channelFields(values.kind).filter((field) => field.secret),
    secretInputs,
  );
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const draft: ChannelDraft = {
    kind: values.kind,
    label,
    enabled: values.enabled,
    minSeverity: values.minSeverity,
    settings,
    ...(existing === null ? {} : { id: existing.id }),
  };
  const parsed = ChannelDraftSchema.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [top, name] = issue.path;
      const key = top === 'label' ? 'label' : top === 'settings' && typeof name === 'string' ? name : 'form';
      errors[key] ??= issue.message;
    }
    return { ok: false, errors };
  }
  return { ok: true, request: { channel: parsed.data, secrets } };
}

/** "Webhook URL: stored in keychain · Chat ID: 12345" style facts for the list. */
export function channelFieldSummary(channel: ChannelView, store?: SecretStorePlace): { label: string; text: string; missing: boolean }[] {
  return channelFields(channel.kind).map((field) => {
    if (field.secret) return { label: field.label, ...secretFact(field, secretStateOf(field.name, channel.secrets), store) };
    const value = channel.settings[field.name] ?? '';
    return { label: field.label, text: value === '' ? 'not set' : value, missing: value === '' && field.optional !== true };
  });
}

/** The list's facts: a missing required value in the problem tone, the rest plain. */
export function channelFacts(channel: ChannelView, store?: SecretStorePlace): RecordFact[] {
  return channelFieldSummary(channel, store).map((fact) => ({ label: fact.label, text: fact.text, tone: fact.missing ? 'problem' : null }));
}

import {
  CHANNEL_FIELDS,
  CHANNEL_KIND_SPECS,
  CHANNEL_KINDS,
  ChannelDigestSchema,
  ChannelDraftSchema,
  type ChannelDigest,
  type ChannelDraft,
  type ChannelRoutes,
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
  /** Which accounts, groups and rules the channel gets; empty lists limit nothing. */
  routes: ChannelRoutes;
  /** The daily / weekly summary; sent only when one of them is ticked. */
  digest: ChannelDigest;
}

export const NO_ROUTES: ChannelRoutes = { accounts: [], groups: [], rules: [] };
export const NO_DIGEST: ChannelDigest = ChannelDigestSchema.parse({});

/** Errors by 'label', 'form', or a field name. */
export type ChannelFormErrors = Record<string, string>;

export type ChannelRequest = { channel: ChannelDraft; secrets: Record<string, string> };

export function isChannelKind(value: string): value is ChannelKind {
  return (CHANNEL_KINDS as readonly string[]).includes(value);
}

export function newChannelValues(kind: ChannelKind = 'webhook'): ChannelFormValues {
  return { kind, label: '', enabled: true, minSeverity: 'warning', settings: {}, routes: NO_ROUTES, digest: NO_DIGEST };
}

export function valuesFromChannel(channel: ChannelView): ChannelFormValues {
  return {
    kind: channel.kind,
    label: channel.label,
    enabled: channel.enabled,
    minSeverity: channel.minSeverity,
    settings: { ...channel.settings },
    routes: channel.routes ?? NO_ROUTES,
    digest: channel.digest ?? NO_DIGEST,
  };
}

/** A list with the value added or removed, for the routes' check boxes. */
export function toggled<T>(list: readonly T[], value: T, on: boolean, same: (a: T, b: T) => boolean = Object.is): T[] {
  const without = list.filter((entry) => !same(entry, value));
  return on ? [...without, value] : without;
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
    // A choice left as shown is its first option.
    const typed = ((field.secret ? secretInputs[field.name] : (values.settings[field.name] ?? field.choices?.[0]?.value)) ?? '').trim();
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
    ...(hasAnyRoute(values.routes) ? { routes: values.routes } : {}),
    ...(values.digest.daily || values.digest.weekly ? { digest: values.digest } : {}),
  };
  const parsed = ChannelDraftSchema.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [top, name] = issue.path;
      const key = top === 'label' ? 'label' : top === 'settings' && typeof name === 'string' ? name : top === 'digest' ? 'digest' : 'form';
      errors[key] ??= issue.message;
    }
    return { ok: false, errors };
  }
  return { ok: true, request: { channel: parsed.data, secrets } };
}

function hasAnyRoute(routes: ChannelRoutes): boolean {
  return routes.accounts.length > 0 || routes.groups.length > 0 || routes.rules.length > 0;
}

/** "Webhook URL: stored in keychain · Chat ID: 12345" style facts for the list. */
export function channelFieldSummary(channel: ChannelView, store?: SecretStorePlace): { label: string; text: string; missing: boolean }[] {
  return channelFields(channel.kind).map((field) => {
    if (field.secret) return { label: field.label, ...secretFact(field, secretStateOf(field.name, channel.secrets), store) };
    const value = channel.settings[field.name] ?? '';
    // A certificate is pages long: the list says whether there is one.
    const text = value === '' ? 'not set' : field.multiline === true ? 'set' : value;
    return { label: field.label, text, missing: value === '' && field.optional !== true };
  });
}

/** The list's facts: a missing required value in the problem tone, the rest plain. */
export function channelFacts(channel: ChannelView, store?: SecretStorePlace): RecordFact[] {
  const facts: RecordFact[] = channelFieldSummary(channel, store).map((fact) => ({ label: fact.label, text: fact.text, tone: fact.missing ? 'problem' : null }));
  const routes = channel.routes ?? NO_ROUTES;
  if (hasAnyRoute(routes)) {
    const parts = [
      ...routes.accounts,
      ...routes.groups.map((route) => `${route.accountId} / ${route.group}`),
      ...(routes.rules.length > 0 ? [`rules: ${routes.rules.join(', ')}`] : []),
    ];
    facts.push({ label: 'Only', text: parts.join(' · '), tone: null });
  }
  const digest = channel.digest;
  if (digest && (digest.daily || digest.weekly)) {
    const when = [digest.daily ? 'daily' : null, digest.weekly ? `weekly (${digest.weekday})` : null].filter(Boolean).join(' and ');
    facts.push({ label: 'Summary', text: `${when} at ${digest.time}${digest.timezone ? ` ${digest.timezone}` : ''}`, tone: null });
  }
  return facts;
}

import { z } from 'zod';
import { IsoTimeQuerySchema, IsoTimeSchema } from './iso-time';
import { CONDITION_RULE_IDS, RULE_IDS } from '../model/alerts';
import { HHMM, TimeZoneSchema } from './alert-settings';

// What the UI sees of alerts and notification channels. Times cross the contract as ISO strings.

const severity = z.enum(['info', 'warning', 'critical']);
const alertState = z.enum(['pending', 'firing', 'resolving', 'resolved']);

export const AlertScopeSchema = z.object({
  accountId: z.string(),
  accountLabel: z.string(),
  group: z.string().nullable(),
  worker: z.string().nullable(),
});

/** One row of alert history: a state transition, or an event (payout, worker back online). */
export const AlertHistoryEntrySchema = z.object({
  id: z.number().int(),
  kind: z.enum(['transition', 'event']),
  at: IsoTimeSchema,
  key: z.string(),
  ruleId: z.enum(RULE_IDS),
  scope: AlertScopeSchema,
  ref: z.string().nullable(),
  /** null for events. */
  from: alertState.nullable(),
  /** null for events. */
  to: alertState.nullable(),
  message: z.string(),
  severity,
  urgent: z.boolean(),
});
export type AlertHistoryEntry = z.infer<typeof AlertHistoryEntrySchema>;

export const AlertHistoryQuerySchema = z
  .object({
    accountId: z.string().optional(),
    ruleId: z.enum(RULE_IDS).optional(),
    severity: severity.optional(),
    /** Free text matched against message, group and worker names. */
    text: z.string().max(100).optional(),
    from: IsoTimeQuerySchema.optional(),
    to: IsoTimeQuerySchema.optional(),
    limit: z.number().int().min(1).max(5000).optional(),
  })
  .strict();
export type AlertHistoryQuery = z.infer<typeof AlertHistoryQuerySchema>;

export const ActiveAlertSchema = z.object({
  key: z.string(),
  ruleId: z.enum(CONDITION_RULE_IDS),
  scope: AlertScopeSchema,
  ref: z.string().nullable(),
  state: z.enum(['pending', 'firing', 'resolving']),
  since: IsoTimeSchema,
  firedAt: IsoTimeSchema.nullable(),
  message: z.string(),
  severity,
  urgent: z.boolean(),
  snoozed: z.boolean(),
});
export type ActiveAlertView = z.infer<typeof ActiveAlertSchema>;

export const SnoozeTargetSchema = z
  .object({
    key: z.string().optional(),
    ruleId: z.enum(RULE_IDS).optional(),
    accountId: z.string().optional(),
    group: z.string().optional(),
    worker: z.string().optional(),
  })
  .strict()
  .refine((target) => Object.values(target).some((value) => value !== undefined), 'name what to snooze');

/** An account's retired workers: silent longer than longDeadHours, so they never alert; listed to mute or clear. */
export const RetiredWorkersSchema = z.object({
  accountId: z.string(),
  accountLabel: z.string(),
  /** How many; `workers` names at most the first RETIRED_LISTED. */
  count: z.number().int().nonnegative(),
  workers: z.array(z.object({ group: z.string(), name: z.string(), lastShareAt: IsoTimeSchema.nullable() })),
});
export type RetiredWorkersView = z.infer<typeof RetiredWorkersSchema>;
export const RETIRED_LISTED = 200;

export const SnoozeViewSchema = z.object({ target: SnoozeTargetSchema, until: IsoTimeSchema.nullable() });
export type SnoozeView = z.infer<typeof SnoozeViewSchema>;

/** A notification as the UI shows it (browser notification in headless mode, list in the app). */
export const AlertNotificationSchema = z.object({
  id: z.string(),
  at: IsoTimeSchema,
  kind: z.enum(['alert', 'resolved', 'event', 'reminder', 'quiet-summary', 'digest', 'summary']),
  title: z.string(),
  body: z.string(),
  severity,
  urgent: z.boolean(),
  accountId: z.string().nullable(),
  alertKeys: z.array(z.string()),
  /** Every name behind a grouped notification ("12 workers offline in batchtest"). */
  items: z.array(z.object({ ruleId: z.enum(RULE_IDS), scope: AlertScopeSchema, message: z.string() })),
});
export type AlertNotificationView = z.infer<typeof AlertNotificationSchema>;

export const CHANNEL_KINDS = ['webhook', 'discord', 'slack', 'telegram', 'ntfy', 'email'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** One field of a channel kind's form. */
export interface ChannelFieldSpec {
  name: string;
  label: string;
  /** Secret fields go to the keychain; the others are settings in the config file. */
  secret: boolean;
  optional?: boolean;
  /** An address (http or https) the form checks before anything is sent. */
  url?: boolean;
  /** The only values allowed, shown as a choice (the first is the default). */
  choices?: readonly { value: string; label: string }[];
  /** Several lines (a PEM certificate). */
  multiline?: boolean;
  /** A short hint under the field. */
  hint?: string;
}

/**
 * What the UI and the engine share about each channel kind: its name and its fields. The engine's side of a kind
 * (checks, request, failure wording) is its descriptor in main/alerts/channels/kinds/.
 */
export const CHANNEL_KIND_SPECS: Record<ChannelKind, { label: string; fields: ChannelFieldSpec[] }> = {
  webhook: { label: 'Webhook', fields: [{ name: 'url', label: 'Webhook URL', secret: true, url: true }] },
  discord: { label: 'Discord', fields: [{ name: 'url', label: 'Discord webhook URL', secret: true, url: true }] },
  slack: { label: 'Slack', fields: [{ name: 'url', label: 'Slack webhook URL', secret: true, url: true }] },
  telegram: {
    label: 'Telegram',
    fields: [
      { name: 'botToken', label: 'Bot token', secret: true },
      { name: 'chatId', label: 'Chat ID', secret: false },
    ],
  },
  ntfy: {
    label: 'ntfy',
    fields: [
      { name: 'server', label: 'Server URL', secret: false, url: true },
      { name: 'topic', label: 'Topic', secret: true },
      { name: 'accessToken', label: 'Access token', secret: true, optional: true },
    ],
  },
  email: {
    label: 'E-mail (SMTP)',
    fields: [
      { name: 'host', label: 'SMTP server', secret: false },
      {
        name: 'security',
        label: 'Security',
        secret: false,
        choices: [
          { value: 'starttls', label: 'STARTTLS (usually port 587)' },
          { value: 'tls', label: 'TLS (usually port 465)' },
          { value: 'none', label: 'None (only to a server on this machine)' },
        ],
      },
      { name: 'port', label: 'Port', secret: false, optional: true, hint: 'empty: 587 for STARTTLS, 465 for TLS, 25 for none' },
      { name: 'from', label: 'From address', secret: false },
      { name: 'to', label: 'To (comma-separated)', secret: false },
      { name: 'username', label: 'User name', secret: true, optional: true },
      { name: 'password', label: 'Password', secret: true, optional: true },
      {
        name: 'tlsCa',
        label: 'Trusted certificate for a self-signed server (PEM)',
        secret: false,
        optional: true,
        multiline: true,
        hint: 'only for your own server with a self-signed certificate; public providers need none',
      },
    ],
  },
};

/** Which fields each channel kind needs; secret ones go to the keychain. */
export const CHANNEL_FIELDS = Object.fromEntries(CHANNEL_KINDS.map((kind) => [kind, CHANNEL_KIND_SPECS[kind].fields])) as Record<
  ChannelKind,
  ChannelFieldSpec[]
>;

/**
 * Which alerts a channel gets besides its minimum severity: empty lists limit nothing. An alert passes when its
 * account is in `accounts` or its account and group are in `groups` (when either list is set), and its rule is in
 * `rules` (when set).
 */
export const ChannelRoutesSchema = z
  .object({
    accounts: z.array(z.string().min(1).max(64)).max(500).default([]),
    groups: z
      .array(z.object({ accountId: z.string().min(1).max(64), group: z.string().min(1).max(200) }).strict())
      .max(2000)
      .default([]),
    rules: z.array(z.enum(RULE_IDS)).max(RULE_IDS.length).default([]),
  })
  .strict();
export type ChannelRoutes = z.infer<typeof ChannelRoutesSchema>;

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A summary sent to the channel every day and/or every week, at a local time. */
export const ChannelDigestSchema = z
  .object({
    daily: z.boolean().default(false),
    weekly: z.boolean().default(false),
    /** Local time of day the summary is sent. */
    time: HHMM.default('08:00'),
    /** The weekly summary's day. */
    weekday: z.enum(WEEKDAYS).default('monday'),
    /** IANA name; null = the machine's own time zone. */
    timezone: TimeZoneSchema.nullable().default(null),
  })
  .strict();
export type ChannelDigest = z.infer<typeof ChannelDigestSchema>;

export const ChannelDraftSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/).optional(),
    kind: z.enum(CHANNEL_KINDS),
    label: z.string().trim().min(1).max(80),
    enabled: z.boolean(),
    /** Notifications below this severity are not sent here. */
    minSeverity: severity,
    /** Non-secret fields by name (Telegram chat id, ntfy server; up to 8 KB for a PEM certificate). */
    settings: z.record(z.string(), z.string().max(8192)),
    routes: ChannelRoutesSchema.optional(),
    digest: ChannelDigestSchema.optional(),
  })
  .strict();
export type ChannelDraft = z.infer<typeof ChannelDraftSchema>;

export const ChannelViewSchema = ChannelDraftSchema.extend({
  id: z.string(),
  /** Secret fields present in the keychain; values never leave the engine. */
  secrets: z.array(z.object({ field: z.string(), hasSecret: z.boolean() })),
});
export type ChannelView = z.infer<typeof ChannelViewSchema>;

export const ChannelTestResultSchema = z.object({ ok: z.boolean(), message: z.string() });

// Alert settings as stored in the config file and edited in the UI; resolution per scope lives in main/alerts.
import { z } from 'zod';
import { RULE_IDS, type RuleId } from '../model/alerts';

export const RuleIdSchema = z.enum(RULE_IDS);

const BalanceThresholdSchema = z
  .object({ amount: z.number().finite().nonnegative(), unit: z.enum(['coin', 'base-unit']).default('coin') })
  .strict();

/** Every setting a rule reads; each scope level may override any of them. */
export const RuleSettingsSchema = z
  .object({
    enabled: z.boolean(),
    /** Minutes the condition must hold (on fresh data) before the alert fires, whatever the poll interval or backoff. */
    forMinutes: z.number().min(0).max(24 * 60),
    /** Minutes the condition must stay false before the alert resolves. */
    recoveryMinutes: z.number().min(0).max(24 * 60),
    /**
     * Older files counted holds in polls. Still read: a level that sets forPolls (recoveryPolls) but not forMinutes
     * (recoveryMinutes) holds for (polls - 1) minutes, what it meant at the default 60 s interval. Not written any more.
     */
    forPolls: z.number().int().min(1).max(1000),
    recoveryPolls: z.number().int().min(1).max(1000),
    /** A still-firing alert is repeated after this long; 0 = never. */
    reminderHours: z.number().min(0).max(24 * 365),
    hashrateDropPercent: z.number().gt(0).max(100),
    hashrateFloorHps: z.number().finite().nonnegative().nullable(),
    /** "Near zero" for worker-not-producing: at most this share of the worker's own 24 h average... */
    notProducingPercent: z.number().min(0).max(100),
    /** ...or at most this absolute hashrate. */
    notProducingHps: z.number().finite().nonnegative(),
    fleetOfflinePercent: z.number().min(0).max(100),
    /** Fewer newly stopped workers are left to the per-worker rule: 1 of 3 offline is not a fleet problem. */
    fleetMinWorkers: z.number().int().min(1),
    /** A worker silent longer than this is retired (long dead): no worker or fleet alert counts it. */
    longDeadHours: z.number().gt(0).max(24 * 365),
    rejectRatePercent: z.number().min(0).max(100),
    /** Unpaid amount per coin (upper case) in the unit the pool reports it in. */
    balanceThresholds: z.record(z.string(), BalanceThresholdSchema),
    sourceFailingMinutes: z.number().min(0),
    staleMinutes: z.number().gt(0),
    keyExpiryWarnDays: z.number().min(0),
    /** total-hashrate-low: an account's or group's total below this (H/s); null = no floor. */
    totalHashrateFloorHps: z.number().finite().nonnegative().nullable(),
    /** ...or below this share of its own 24 h median; 0 = off. */
    totalHashrateMedianPercent: z.number().min(0).max(100),
    /** Hysteresis: a low-hashrate alert resolves only this far above its line (floor x 1.1, X + 10 %). */
    recoveryMarginPercent: z.number().min(0).max(100),
    /** payout-overdue: the pool's payout cadence; null = learned from the payout history. */
    payoutIntervalHours: z.number().gt(0).max(24 * 366).nullable(),
    /** ...overdue once the last payout is older than this many cadences. */
    payoutOverdueFactor: z.number().min(1).max(100),
    /** ...with at least this much unpaid (the pool's minimum payout, in the balance's unit); null = anything above 0. */
    payoutMinimum: z.number().finite().nonnegative().nullable(),
    /** payout-stuck: a payout not confirmed this long after it was made. */
    payoutStuckHours: z.number().gt(0).max(24 * 366),
    /** earnings-stopped: no new daily earning this long after the day closed (UTC). */
    earningsStoppedHours: z.number().min(0).max(24 * 366),
  })
  .strict();
export type RuleSettings = z.infer<typeof RuleSettingsSchema>;

const RulePatchSchema = RuleSettingsSchema.partial().strict();
export type RulePatch = z.infer<typeof RulePatchSchema>;
const RulePatchesSchema = z.partialRecord(RuleIdSchema, RulePatchSchema);

const ScopePatchSchema = RulePatchSchema.extend({ rules: RulePatchesSchema.optional() }).strict();
const expectedWorkers = z.number().int().min(0).nullable().optional();

// expectedWorkers is not inherited: an account's count means nothing for each of its groups.
const GroupOverrideSchema = ScopePatchSchema.extend({
  expectedWorkers,
  /** Keyed by worker name: names are unique within a group. */
  workers: z.record(z.string(), ScopePatchSchema).optional(),
}).strict();

const AccountOverrideSchema = ScopePatchSchema.extend({
  expectedWorkers,
  groups: z.record(z.string(), GroupOverrideSchema).optional(),
}).strict();

export const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM, 24-hour.');

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name this runtime knows. */
export const TimeZoneSchema = z.string().refine(isTimeZone, 'Unknown time zone.');

export const QuietHoursSchema = z
  .object({
    enabled: z.boolean().default(false),
    start: HHMM.default('22:00'),
    end: HHMM.default('07:00'),
    /** IANA name; null = the machine's own time zone. */
    timezone: TimeZoneSchema.nullable().default(null),
  })
  .strict();
export type QuietHours = z.infer<typeof QuietHoursSchema>;

export const AlertSettingsSchema = z
  .object({
    /** Over the built-in defaults, for every rule and scope. */
    defaults: RulePatchSchema.default({}),
    /** Per rule, over `defaults`. */
    rules: RulePatchesSchema.default({}),
    /** Per account id, with groups and workers nested inside. */
    accounts: z.record(z.string(), AccountOverrideSchema).default({}),
    quietHours: QuietHoursSchema.prefault({}),
    urgentRules: z.array(RuleIdSchema).default(['source-failing', 'fleet-offline']),
    /** This many same-rule changes in one account at once become one notification. */
    groupingThreshold: z.number().int().min(2).default(3),
    /** More notifications than this from one evaluation collapse into one digest. */
    maxNotificationsPerEvaluation: z.number().int().min(1).default(5),
    /** A gap between polls longer than this many intervals means sleep or no network: wait for fresh data. */
    sleepGapFactor: z.number().min(1.5).default(3),
    /** Fresh polls after a gap, an outage or a start that only set the baseline. */
    settlePolls: z.number().int().min(0).max(10).default(1),
  })
  .strict();
export type AlertSettings = z.infer<typeof AlertSettingsSchema>;
export type AlertSettingsInput = z.input<typeof AlertSettingsSchema>;

export const BUILT_IN_DEFAULTS: RuleSettings = {
  enabled: true,
  forMinutes: 1,
  recoveryMinutes: 1,
  forPolls: 2,
  recoveryPolls: 2,
  reminderHours: 4,
  hashrateDropPercent: 70,
  hashrateFloorHps: null,
  notProducingPercent: 1,
  notProducingHps: 0,
  fleetOfflinePercent: 30,
  fleetMinWorkers: 3,
  longDeadHours: 24,
  rejectRatePercent: 5,
  balanceThresholds: {},
  sourceFailingMinutes: 5,
  staleMinutes: 30,
  keyExpiryWarnDays: 7,
  totalHashrateFloorHps: null,
  totalHashrateMedianPercent: 50,
  recoveryMarginPercent: 10,
  payoutIntervalHours: null,
  payoutOverdueFactor: 1.5,
  payoutMinimum: null,
  payoutStuckHours: 24,
  earningsStoppedHours: 6,
};

/** Rule-specific built-ins; they sit between the user's `defaults` and the user's `rules` (more specific wins). */
export const BUILT_IN_RULE_DEFAULTS: Partial<Record<RuleId, RulePatch>> = {
  // These conditions carry their own time hold (minutes, days), so one poll is enough.
  'source-failing': { forPolls: 1, forMinutes: 0 },
  'machine-offline': { forPolls: 1, forMinutes: 0 },
  'pool-down': { forPolls: 1, forMinutes: 0 },
  'data-stale': { forPolls: 1, forMinutes: 0 },
  'key-expiry': { forPolls: 1, forMinutes: 0, reminderHours: 24 },
  // A balance above a threshold is news once, not every 4 hours.
  'balance-threshold': { forPolls: 1, forMinutes: 0, reminderHours: 0 },
  // Payout conditions are judged on hours of history already: at once, a daily reminder at most.
  'payout-overdue': { forPolls: 1, forMinutes: 0, reminderHours: 24 },
  'payout-stuck': { forPolls: 1, forMinutes: 0, reminderHours: 24 },
  'earnings-stopped': { forPolls: 1, forMinutes: 0, reminderHours: 24 },
};

export function parseAlertSettings(value: unknown): AlertSettings {
  return AlertSettingsSchema.parse(value ?? {});
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = parseAlertSettings({});

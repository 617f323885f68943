import {
  AlertSettingsSchema,
  BUILT_IN_DEFAULTS,
  BUILT_IN_RULE_DEFAULTS,
  type AlertSettings,
  type RulePatch,
  type RuleSettings,
} from '../../../shared/contract';
import { RULE_CATALOG, RULE_IDS, type RuleId } from '../../../shared/model';
import { groupFormsFrom, groupsFromForms, readThresholds, thresholdsText, type GroupOverrideForm } from './group-overrides-form';

export interface NumberBounds {
  integer: boolean;
  min: number;
  /** The minimum itself is not allowed (a 0 % drop would alert on every poll). */
  minExclusive: boolean;
  max: number | null;
}

interface NumberField extends NumberBounds {
  key: keyof RuleSettings;
  label: string;
  hint: string;
}

/** The rule settings the form edits, for the defaults and for each account; the rest are kept as they are. */
export const RULE_NUMBER_FIELDS = [
  { key: 'forMinutes', label: 'Alert after (min)', hint: 'Minutes the problem must last before it alerts, whatever the poll interval.', integer: false, min: 0, minExclusive: false, max: 24 * 60 },
  { key: 'recoveryMinutes', label: 'Resolve after (min)', hint: 'Minutes it must stay fixed before the alert resolves.', integer: false, min: 0, minExclusive: false, max: 24 * 60 },
  { key: 'reminderHours', label: 'Remind every (hours)', hint: 'Repeats a still-firing alert; 0 = never.', integer: false, min: 0, minExclusive: false, max: 24 * 365 },
  { key: 'hashrateDropPercent', label: 'Hashrate drop (%)', hint: 'Drop below the 24 h average that counts.', integer: false, min: 0, minExclusive: true, max: 100 },
  { key: 'fleetOfflinePercent', label: 'Fleet offline (%)', hint: 'Share of workers offline at once.', integer: false, min: 0, minExclusive: false, max: 100 },
  { key: 'rejectRatePercent', label: 'Reject rate (%)', hint: 'Rejected share of the hashrate.', integer: false, min: 0, minExclusive: false, max: 100 },
  { key: 'sourceFailingMinutes', label: 'Pool unreachable for (min)', hint: 'Failed polls for this long alert.', integer: false, min: 0, minExclusive: false, max: null },
  { key: 'staleMinutes', label: 'Data stale after (min)', hint: 'No fresh data for this long alerts.', integer: false, min: 0, minExclusive: true, max: null },
  { key: 'fleetMinWorkers', label: 'Fleet rule from (workers)', hint: 'Smaller fleets are left to the per-worker rule.', integer: true, min: 1, minExclusive: false, max: null },
  { key: 'hashrateFloorHps', label: 'Worker hashrate floor (H/s)', hint: 'A worker below this alerts; empty = none. 2e14 = 200 TH/s.', integer: false, min: 0, minExclusive: false, max: null },
  { key: 'notProducingPercent', label: 'Not producing below (% of 24 h)', hint: "Online, hashing at most this share of its own average.", integer: false, min: 0, minExclusive: false, max: 100 },
  { key: 'notProducingHps', label: 'Not producing below (H/s)', hint: 'Online, hashing at most this much.', integer: false, min: 0, minExclusive: false, max: null },
  { key: 'keyExpiryWarnDays', label: 'Key expiry warning (days)', hint: 'Warns this long before the key expires.', integer: false, min: 0, minExclusive: false, max: null },
  { key: 'totalHashrateFloorHps', label: 'Total hashrate floor (H/s)', hint: 'An account or group below this alerts; empty = none.', integer: false, min: 0, minExclusive: false, max: null },
  { key: 'totalHashrateMedianPercent', label: 'Total below 24 h median (%)', hint: 'Alerts below this share of its own 24 h median; 0 = off.', integer: false, min: 0, minExclusive: false, max: 100 },
  { key: 'recoveryMarginPercent', label: 'Recovery margin (%)', hint: 'A low total resolves above floor × (1 + this %) or the median share + this many points.', integer: false, min: 0, minExclusive: false, max: 100 },
  { key: 'payoutIntervalHours', label: 'Payout every (hours)', hint: 'Empty = learned from the payout history.', integer: false, min: 0, minExclusive: true, max: 24 * 366 },
  { key: 'payoutOverdueFactor', label: 'Payout overdue after (× cadence)', hint: 'The last payout older than this many cadences alerts.', integer: false, min: 1, minExclusive: false, max: 100 },
  { key: 'payoutMinimum', label: 'Payout minimum (amount)', hint: "The pool's minimum payout: less unpaid is never overdue; empty = 0.", integer: false, min: 0, minExclusive: false, max: null },
  { key: 'payoutStuckHours', label: 'Payout stuck after (hours)', hint: 'Posted or pending, not confirmed for this long.', integer: false, min: 0, minExclusive: true, max: 24 * 366 },
  { key: 'earningsStoppedHours', label: 'Earnings due after (hours)', hint: 'No earning for a closed day this long after midnight UTC.', integer: false, min: 0, minExclusive: false, max: 24 * 366 },
] as const satisfies readonly NumberField[];

export type RuleNumberKey = (typeof RULE_NUMBER_FIELDS)[number]['key'];
export type NumberInputs = Record<RuleNumberKey, string>;
/** Per rule: true or false set at this level, or null to follow the level above. */
export type RuleToggles = Record<RuleId, boolean | null>;

export interface AccountOverrideForm {
  /** '' = no expectation. */
  expectedWorkers: string;
  /** '' = follow the defaults. */
  numbers: NumberInputs;
  rules: RuleToggles;
  /** Unpaid-balance thresholds set for this account ("BTC 0.05, LTC 2"); '' = the defaults'. */
  balanceThresholds: string;
  groups: GroupOverrideForm[];
}

export interface QuietHoursForm {
  enabled: boolean;
  start: string;
  end: string;
  /** '' = the time zone of the machine running PoolWatch. */
  timezone: string;
}

export interface AlertSettingsForm {
  /** Shown filled in with the built-in value; '' = use the built-in value. */
  defaults: NumberInputs;
  /** Unpaid-balance thresholds for every account ("BTC 0.05, LTC 2"), for the balance-threshold rule. */
  balanceThresholds: string;
  rules: RuleToggles;
  accounts: Record<string, AccountOverrideForm>;
  quietHours: QuietHoursForm;
  urgentRules: Record<RuleId, boolean>;
}

/** Error messages by field key ('defaults.forMinutes', 'accounts.<id>.expectedWorkers', 'quietHours.start'). */
export type SettingsErrors = Record<string, string>;

export type SettingsBuild = { ok: true; settings: AlertSettings } | { ok: false; errors: SettingsErrors };

export function errorKey(...parts: readonly (string | number)[]): string {
  return parts.join('.');
}

function ruleRecord<T>(value: (rule: RuleId) => T): Record<RuleId, T> {
  return Object.fromEntries(RULE_IDS.map((rule) => [rule, value(rule)])) as Record<RuleId, T>;
}

function numberInputs(value: (key: RuleNumberKey) => string): NumberInputs {
  return Object.fromEntries(RULE_NUMBER_FIELDS.map((field) => [field.key, value(field.key)])) as NumberInputs;
}

function numberText(value: unknown): string {
  return typeof value === 'number' ? String(value) : '';
}

/**
 * A level's value for a field. Holds saved in polls by older versions show as the minutes they are read as
 * ((polls - 1) at 60 s); saving writes the minutes, which then win over the old field.
 */
function levelValue(patch: RulePatch | undefined, key: RuleNumberKey): number | null | undefined {
  const value = patch?.[key];
  if (value !== undefined || patch === undefined) return value;
  const polls = key === 'forMinutes' ? patch.forPolls : key === 'recoveryMinutes' ? patch.recoveryPolls : undefined;
  return polls === undefined ? undefined : Math.max(0, polls - 1);
}

/** A rule's on/off below the user's per-rule setting: the built-in rule default, else the user's default. */
function ruleInherited(settings: AlertSettings, rule: RuleId): boolean {
  return BUILT_IN_RULE_DEFAULTS[rule]?.enabled ?? settings.defaults.enabled ?? BUILT_IN_DEFAULTS.enabled;
}

/** Whether the rule is on for every account, as the form now says. */
export function globalRuleEnabled(form: AlertSettingsForm, settings: AlertSettings, rule: RuleId): boolean {
  return form.rules[rule] ?? ruleInherited(settings, rule);
}

/** What an account's rule follows when the account does not set it: the account's own switch, else the global one. */
function accountRuleInherited(form: AlertSettingsForm, settings: AlertSettings, accountId: string, rule: RuleId): boolean {
  return settings.accounts[accountId]?.enabled ?? globalRuleEnabled(form, settings, rule);
}

export function accountRuleEnabled(form: AlertSettingsForm, settings: AlertSettings, accountId: string, rule: RuleId): boolean {
  return form.accounts[accountId]?.rules[rule] ?? accountRuleInherited(form, settings, accountId, rule);
}

/** The value an account field falls back to, for its placeholder. */
export function defaultNumberText(form: AlertSettingsForm, key: RuleNumberKey): string {
  const typed = form.defaults[key].trim();
  return typed !== '' ? typed : (BUILT_IN_DEFAULTS[key] ?? 'none').toString();
}

function emptyAccountForm(): AccountOverrideForm {
  return { expectedWorkers: '', numbers: numberInputs(() => ''), rules: ruleRecord(() => null), balanceThresholds: '', groups: [] };
}

/** The form for saved settings; `accountIds` are the configured accounts, listed even without overrides. */
export function formFromSettings(settings: AlertSettings, accountIds: readonly string[]): AlertSettingsForm {
  const accounts: Record<string, AccountOverrideForm> = {};
  for (const id of new Set([...accountIds, ...Object.keys(settings.accounts)])) {
    const override = settings.accounts[id];
    if (override === undefined) {
      accounts[id] = emptyAccountForm();
      continue;
    }
    accounts[id] = {
      expectedWorkers: numberText(override.expectedWorkers),
      numbers: numberInputs((key) => numberText(levelValue(override, key))),
      rules: ruleRecord((rule) => override.rules?.[rule]?.enabled ?? null),
      balanceThresholds: thresholdsText(override.balanceThresholds),
      groups: groupFormsFrom(override),
    };
  }
  return {
    defaults: numberInputs((key) => numberText(levelValue(settings.defaults, key) ?? BUILT_IN_DEFAULTS[key])),
    balanceThresholds: thresholdsText(settings.defaults.balanceThresholds),
    rules: ruleRecord((rule) => settings.rules[rule]?.enabled ?? null),
    accounts,
    quietHours: {
      enabled: settings.quietHours.enabled,
      start: settings.quietHours.start,
      end: settings.quietHours.end,
      timezone: settings.quietHours.timezone ?? '',
    },
    urgentRules: ruleRecord((rule) => settings.urgentRules.includes(rule)),
  };
}

/** Adds an account (one configured after the form opened) with no overrides. */
export function withAccount(form: AlertSettingsForm, accountId: string): AlertSettingsForm {
  if (accountId in form.accounts) return form;
  return { ...form, accounts: { ...form.accounts, [accountId]: emptyAccountForm() } };
}

/** Flips a checkbox that shows `shown`: the new value is set at this level. */
export function toggled(toggles: RuleToggles, rule: RuleId, shown: boolean): RuleToggles {
  return { ...toggles, [rule]: !shown };
}

type NumberRead = { kind: 'empty' } | { kind: 'ok'; value: number } | { kind: 'error'; message: string };

function rangeText(field: NumberBounds): string {
  const what = field.integer ? 'a whole number' : 'a number';
  const low = field.minExclusive ? `above ${field.min}` : `from ${field.min}`;
  if (field.max === null) return `Enter ${what} ${field.minExclusive ? low : `of ${field.min} or more`}.`;
  return field.minExclusive ? `Enter ${what} ${low}, up to ${field.max}.` : `Enter ${what} ${low} to ${field.max}.`;
}

export function readNumber(text: string, field: NumberBounds): NumberRead {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const value = Number(trimmed);
  const tooLow = field.minExclusive ? value <= field.min : value < field.min;
  if (!Number.isFinite(value) || (field.integer && !Number.isInteger(value)) || tooLow || (field.max !== null && value > field.max)) {
    return { kind: 'error', message: rangeText(field) };
  }
  return { kind: 'ok', value };
}

const EXPECTED_WORKERS_BOUNDS: NumberBounds = { integer: true, min: 0, minExclusive: false, max: null };

/**
 * An on/off to store at one level: set when the user set it here before, or when it now differs from what
 * the level would inherit; otherwise left out, so the level keeps following the one above.
 */
function storedToggle(formValue: boolean | null, savedValue: boolean | undefined, inherited: boolean): boolean | undefined {
  if (formValue === null) return savedValue;
  if (savedValue !== undefined) return formValue;
  return formValue === inherited ? undefined : formValue;
}

function withEnabled(patch: RulePatch | undefined, enabled: boolean | undefined): RulePatch | undefined {
  const next: RulePatch = { ...patch };
  if (enabled === undefined) delete next.enabled;
  else next.enabled = enabled;
  return Object.keys(next).length === 0 ? undefined : next;
}

type RulePatches = AlertSettings['rules'];

function applyToggles(
  saved: RulePatches | undefined,
  toggles: RuleToggles,
  inherited: (rule: RuleId) => boolean,
): RulePatches {
  const rules: RulePatches = { ...saved };
  for (const rule of RULE_IDS) {
    const patch = withEnabled(saved?.[rule], storedToggle(toggles[rule], saved?.[rule]?.enabled, inherited(rule)));
    if (patch === undefined) delete rules[rule];
    else rules[rule] = patch;
  }
  return rules;
}

/** Checked rules: the saved ones in their saved order (an untouched list stays identical), then new ones. */
function urgentRulesFrom(saved: readonly RuleId[], checked: Record<RuleId, boolean>): RuleId[] {
  const kept = saved.filter((rule) => checked[rule]);
  return [...kept, ...RULE_IDS.filter((rule) => checked[rule] && !kept.includes(rule))];
}

/** Reads a thresholds field into a patch: empty drops the level's thresholds. */
function applyThresholds(target: RulePatch, text: string, errors: SettingsErrors, at: readonly string[]): void {
  const read = readThresholds(text);
  if (!read.ok) errors[errorKey(...at, 'balanceThresholds')] = read.message;
  else if (Object.keys(read.value).length === 0) delete target.balanceThresholds;
  else target.balanceThresholds = read.value;
}

/**
 * Applies the form to the saved settings: everything the form does not show (group and worker overrides,
 * balance thresholds, grouping) stays as saved. Checks each field, then the shared schema has the last word.
 */
export function settingsFromForm(saved: AlertSettings, form: AlertSettingsForm): SettingsBuild {
  const errors: SettingsErrors = {};

  const defaults: RulePatch = { ...saved.defaults };
  for (const field of RULE_NUMBER_FIELDS) {
    const read = readNumber(form.defaults[field.key], field);
    if (read.kind === 'error') errors[errorKey('defaults', field.key)] = read.message;
    else if (read.kind === 'empty') delete defaults[field.key];
    // An untouched built-in value stays unsaved, so a later change of the built-in still reaches this user.
    else if (saved.defaults[field.key] !== undefined || read.value !== BUILT_IN_DEFAULTS[field.key]) defaults[field.key] = read.value;
  }

  applyThresholds(defaults, form.balanceThresholds, errors, ['defaults']);

  const rules = applyToggles(saved.rules, form.rules, (rule) => ruleInherited(saved, rule));

  const accounts: AlertSettings['accounts'] = { ...saved.accounts };
  for (const [accountId, accountForm] of Object.entries(form.accounts)) {
    const override = { ...saved.accounts[accountId] };
    for (const field of RULE_NUMBER_FIELDS) {
      const read = readNumber(accountForm.numbers[field.key], field);
      if (read.kind === 'error') errors[errorKey('accounts', accountId, field.key)] = read.message;
      else if (read.kind === 'empty') delete override[field.key];
      else override[field.key] = read.value;
    }
    const expected = readNumber(accountForm.expectedWorkers, EXPECTED_WORKERS_BOUNDS);
    if (expected.kind === 'error') errors[errorKey('accounts', accountId, 'expectedWorkers')] = 'Enter a whole number of workers, or leave it empty.';
    else if (expected.kind === 'empty') delete override.expectedWorkers;
    else override.expectedWorkers = expected.value;
    applyThresholds(override, accountForm.balanceThresholds, errors, ['accounts', accountId]);
    const groups = groupsFromForms(saved.accounts[accountId]?.groups, accountForm.groups, accountId, errors);
    if (groups === undefined) delete override.groups;
    else override.groups = groups;

    const accountRules = applyToggles(saved.accounts[accountId]?.rules, accountForm.rules, (rule) =>
      accountRuleInherited(form, saved, accountId, rule),
    );
    if (Object.keys(accountRules).length === 0) delete override.rules;
    else override.rules = accountRules;

    if (Object.keys(override).length === 0) delete accounts[accountId];
    else accounts[accountId] = override;
  }

  const timezone = form.quietHours.timezone.trim();
  const candidate = {
    ...saved,
    defaults,
    rules,
    accounts,
    quietHours: {
      enabled: form.quietHours.enabled,
      start: form.quietHours.start.trim(),
      end: form.quietHours.end.trim(),
      timezone: timezone === '' ? null : timezone,
    },
    urgentRules: urgentRulesFrom(saved.urgentRules, form.urgentRules),
  };
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  // The shared schema has the last word, so the form never sends what the engine would refuse.
  const parsed = AlertSettingsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[errorKey(...issue.path.map(String))] ??= issue.message;
    return { ok: false, errors };
  }
  return { ok: true, settings: parsed.data };
}

const FIELD_LABELS: Record<string, string> = {
  ...Object.fromEntries(RULE_NUMBER_FIELDS.map((field) => [field.key, field.label])),
  expectedWorkers: 'Expected workers',
  balanceThresholds: 'Balance thresholds',
  name: 'Name',
  start: 'From',
  end: 'To',
  timezone: 'Time zone',
};

/** "Main: Hashrate drop (%)" for an error key, for the list of problems above the form. */
export function describeErrorKey(key: string, accountLabels: ReadonlyMap<string, string>): string {
  const parts = key.split('.');
  const [section] = parts;
  const last = parts[parts.length - 1] ?? key;
  const label = FIELD_LABELS[last] ?? last;
  if (section === 'defaults') return `Defaults: ${label}`;
  if (section === 'quietHours') return `Quiet hours: ${label}`;
  const groupAt = parts.indexOf('groups');
  if (section === 'accounts' && groupAt > 1 && parts.length > groupAt + 2) {
    // accounts.<id>.groups.<group>[.workers.<worker>].<field>
    const accountId = parts.slice(1, groupAt).join('.');
    const workerAt = parts.indexOf('workers', groupAt + 2);
    const group = parts.slice(groupAt + 1, workerAt > 0 ? workerAt : -1).join('.');
    const worker = workerAt > 0 ? ` › worker ${parts.slice(workerAt + 1, -1).join('.')}` : '';
    return `${accountLabels.get(accountId) ?? accountId} › group ${group}${worker}: ${label}`;
  }
  if (section === 'accounts' && parts.length >= 3) {
    // Account ids cannot hold dots, but take everything between the section and the field to be safe.
    const accountId = parts.slice(1, -1).join('.');
    return `${accountLabels.get(accountId) ?? accountId}: ${label}`;
  }
  if (section === 'rules' && parts[1] !== undefined && parts[1] in RULE_CATALOG) return `${RULE_CATALOG[parts[1] as RuleId].label}: ${label}`;
  return key;
}

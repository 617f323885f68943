// Per-group and per-worker alert overrides as the Rules screen edits them; saved under accounts.<id>.groups.
import type { AlertSettings, RulePatch } from '../../../shared/contract';
import { errorKey, readNumber, RULE_NUMBER_FIELDS, type NumberInputs, type SettingsErrors } from './alert-settings-form';

type AccountOverride = AlertSettings['accounts'][string];
type GroupOverride = NonNullable<AccountOverride['groups']>[string];
type WorkerOverride = NonNullable<GroupOverride['workers']>[string];

/** A worker's alerts: on or off at this level, or null to follow its group. */
export interface WorkerOverrideForm {
  name: string;
  enabled: boolean | null;
  numbers: NumberInputs;
}

export interface GroupOverrideForm {
  name: string;
  /** '' = no expectation. */
  expectedWorkers: string;
  enabled: boolean | null;
  numbers: NumberInputs;
  workers: WorkerOverrideForm[];
}

function numbersOf(patch: RulePatch | undefined): NumberInputs {
  return Object.fromEntries(RULE_NUMBER_FIELDS.map((field) => [field.key, typeof patch?.[field.key] === 'number' ? String(patch[field.key]) : ''])) as NumberInputs;
}

export function emptyNumbers(): NumberInputs {
  return numbersOf(undefined);
}

export function groupFormsFrom(override: AccountOverride | undefined): GroupOverrideForm[] {
  return Object.entries(override?.groups ?? {}).map(([name, group]) => ({
    name,
    expectedWorkers: typeof group.expectedWorkers === 'number' ? String(group.expectedWorkers) : '',
    enabled: group.enabled ?? null,
    numbers: numbersOf(group),
    workers: Object.entries(group.workers ?? {}).map(([worker, patch]) => ({ name: worker, enabled: patch.enabled ?? null, numbers: numbersOf(patch) })),
  }));
}

export function newGroupForm(name = ''): GroupOverrideForm {
  return { name, expectedWorkers: '', enabled: null, numbers: emptyNumbers(), workers: [] };
}

export function newWorkerForm(name = ''): WorkerOverrideForm {
  return { name, enabled: null, numbers: emptyNumbers() };
}

/** Reads the number inputs into a patch (empty = follow the level above); errors go under `at`. */
export function applyNumberInputs(target: RulePatch, inputs: NumberInputs, errors: SettingsErrors, at: readonly string[]): void {
  for (const field of RULE_NUMBER_FIELDS) {
    const read = readNumber(inputs[field.key], field);
    if (read.kind === 'error') errors[errorKey(...at, field.key)] = read.message;
    else if (read.kind === 'empty') delete target[field.key];
    else target[field.key] = read.value;
  }
}

function applyEnabled(target: RulePatch, enabled: boolean | null): void {
  if (enabled === null) delete target.enabled;
  else target.enabled = enabled;
}

/** A name for a group or worker row: trimmed, not empty, not listed twice. */
function nameOf(name: string, seen: Set<string>, errors: SettingsErrors, at: readonly string[], what: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') {
    errors[errorKey(...at, 'name')] = `Enter the ${what}'s name, or remove the row.`;
    return null;
  }
  if (seen.has(trimmed)) {
    errors[errorKey(...at, 'name')] = `${what[0]!.toUpperCase()}${what.slice(1)} ${trimmed} is listed twice.`;
    return null;
  }
  seen.add(trimmed);
  return trimmed;
}

const WORKER_COUNT_ERROR = 'Enter a whole number of workers, or leave it empty.';

/**
 * The groups of an account override from the form. What the form does not show of a group or worker (its per-rule
 * patches) is kept as saved; a removed row is removed; an override left empty is dropped.
 */
export function groupsFromForms(saved: AccountOverride['groups'], forms: readonly GroupOverrideForm[], accountId: string, errors: SettingsErrors): AccountOverride['groups'] {
  const groups: NonNullable<AccountOverride['groups']> = {};
  const seenGroups = new Set<string>();
  forms.forEach((form, index) => {
    const at = ['accounts', accountId, 'groups', form.name.trim() || `#${index + 1}`];
    const name = nameOf(form.name, seenGroups, errors, at, 'group');
    if (name === null) return;
    const group: GroupOverride = { ...saved?.[name] };
    applyNumberInputs(group, form.numbers, errors, at);
    applyEnabled(group, form.enabled);
    const expected = readNumber(form.expectedWorkers, { integer: true, min: 0, minExclusive: false, max: null });
    if (expected.kind === 'error') errors[errorKey(...at, 'expectedWorkers')] = WORKER_COUNT_ERROR;
    else if (expected.kind === 'empty') delete group.expectedWorkers;
    else group.expectedWorkers = expected.value;

    const workers: Record<string, WorkerOverride> = {};
    const seenWorkers = new Set<string>();
    form.workers.forEach((workerForm, workerIndex) => {
      const workerAt = [...at, 'workers', workerForm.name.trim() || `#${workerIndex + 1}`];
      const workerName = nameOf(workerForm.name, seenWorkers, errors, workerAt, 'worker');
      if (workerName === null) return;
      const worker: WorkerOverride = { ...saved?.[name]?.workers?.[workerName] };
      applyNumberInputs(worker, workerForm.numbers, errors, workerAt);
      applyEnabled(worker, workerForm.enabled);
      if (Object.keys(worker).length > 0) workers[workerName] = worker;
    });
    if (Object.keys(workers).length > 0) group.workers = workers;
    else delete group.workers;
    if (Object.keys(group).length > 0) groups[name] = group;
  });
  return Object.keys(groups).length > 0 ? groups : undefined;
}

/** "BTC 0.05, ETH 5000 base-unit" for per-coin thresholds. */
export function thresholdsText(thresholds: RulePatch['balanceThresholds']): string {
  return Object.entries(thresholds ?? {})
    .map(([coin, threshold]) => `${coin} ${threshold.amount}${threshold.unit === 'base-unit' ? ' base-unit' : ''}`)
    .join(', ');
}

type ThresholdsRead = { ok: true; value: NonNullable<RulePatch['balanceThresholds']> } | { ok: false; message: string };

/** Reads "BTC 0.05, LTC 2": a coin and an amount per entry, "base-unit" after the amount where the pool counts in base units. */
export function readThresholds(text: string): ThresholdsRead {
  const value: NonNullable<RulePatch['balanceThresholds']> = {};
  for (const entry of text.split(/[,;\n]/).map((part) => part.trim()).filter((part) => part !== '')) {
    const [coin, amountText, unit, ...rest] = entry.split(/\s+/);
    const amount = Number(amountText);
    const known = unit === undefined || unit === 'coin' || unit === 'base-unit';
    if (!coin || !/^[A-Za-z0-9]{1,12}$/.test(coin) || amountText === undefined || !Number.isFinite(amount) || amount < 0 || !known || rest.length > 0) {
      return { ok: false, message: `"${entry}" is not a coin and an amount: write e.g. "BTC 0.05, LTC 2" ("base-unit" after the amount for base units).` };
    }
    value[coin.toUpperCase()] = { amount, unit: unit === 'base-unit' ? 'base-unit' : 'coin' };
  }
  return { ok: true, value };
}

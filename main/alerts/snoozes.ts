import type { AlertScope, RuleId } from './alert-types';

/**
 * What to silence. Every field given must match: {ruleId} silences a rule everywhere, {accountId} an account,
 * {accountId, group, worker} one worker, {accountId, ruleId} one rule in one account, {key} one alert.
 */
export interface SnoozeTarget {
  key?: string;
  ruleId?: RuleId;
  accountId?: string;
  group?: string;
  worker?: string;
}

export interface Snooze {
  target: SnoozeTarget;
  /** null = until resumed (mute). */
  untilMs: number | null;
}

/** The part of an alert or event a snooze is matched against. */
export interface Snoozable {
  key: string;
  ruleId: RuleId;
  scope: Pick<AlertScope, 'accountId' | 'group' | 'worker'>;
}

const FIELDS = ['key', 'ruleId', 'accountId', 'group', 'worker'] as const;

function normalize(target: SnoozeTarget): SnoozeTarget {
  const clean: SnoozeTarget = {};
  for (const field of FIELDS) if (target[field] !== undefined) (clean as Record<string, string>)[field] = target[field];
  if (Object.keys(clean).length === 0) throw new Error('A snooze needs a target: a rule, an account, a group, a worker or an alert.');
  // Names repeat across accounts and groups: a group means nothing without its account, a worker without its group.
  if (clean.group !== undefined && clean.accountId === undefined) throw new Error('A group snooze needs its accountId.');
  if (clean.worker !== undefined && clean.group === undefined) throw new Error('A worker snooze needs its group.');
  return clean;
}

function idOf(target: SnoozeTarget): string {
  return JSON.stringify(FIELDS.map((field) => target[field] ?? null));
}

function matches(target: SnoozeTarget, item: Snoozable): boolean {
  return (
    (target.key === undefined || target.key === item.key) &&
    (target.ruleId === undefined || target.ruleId === item.ruleId) &&
    (target.accountId === undefined || target.accountId === item.scope.accountId) &&
    (target.group === undefined || target.group === item.scope.group) &&
    (target.worker === undefined || target.worker === item.scope.worker)
  );
}

/** Snoozes and mutes, by exact target; a new snooze of the same target replaces the old one. */
export class SnoozeRegistry {
  private readonly snoozes = new Map<string, Snooze>();

  snooze(target: SnoozeTarget, untilMs: number | null): void {
    const clean = normalize(target);
    this.snoozes.set(idOf(clean), { target: clean, untilMs });
  }

  /** Ends the snooze of exactly this target; true when there was one. */
  unsnooze(target: SnoozeTarget): boolean {
    return this.snoozes.delete(idOf(normalize(target)));
  }

  /** Forgets snoozes that ended. */
  prune(nowMs: number): void {
    for (const [id, snooze] of this.snoozes) if (snooze.untilMs !== null && snooze.untilMs <= nowMs) this.snoozes.delete(id);
  }

  isSnoozed(item: Snoozable, nowMs: number): boolean {
    for (const snooze of this.snoozes.values()) {
      if ((snooze.untilMs === null || snooze.untilMs > nowMs) && matches(snooze.target, item)) return true;
    }
    return false;
  }

  list(nowMs: number): Snooze[] {
    return [...this.snoozes.values()].filter((snooze) => snooze.untilMs === null || snooze.untilMs > nowMs).map((snooze) => ({ ...snooze, target: { ...snooze.target } }));
  }
}

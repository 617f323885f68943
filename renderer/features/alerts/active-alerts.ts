import type { ActiveAlertView, SnoozeView } from '../../../shared/contract';
import { RULE_CATALOG, SEVERITY_RANK, type AlertScope, type RuleId } from '../../../shared/model';

type SnoozeTarget = SnoozeView['target'];

const STATE_ORDER: Record<ActiveAlertView['state'], number> = { firing: 0, pending: 1, resolving: 2 };

function timeMs(iso: string | null): number {
  const ms = iso === null ? Number.NaN : Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
}

/** Firing first, then pending, then resolving; within each, most severe, then most recent, then by key. */
export function sortActiveAlerts(alerts: readonly ActiveAlertView[]): ActiveAlertView[] {
  return [...alerts].sort(
    (a, b) =>
      STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      timeMs(b.firedAt ?? b.since) - timeMs(a.firedAt ?? a.since) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

/** "Main account · rack-a · rig-7"; group and worker only when the alert has them. */
export function scopeText(scope: AlertScope): string {
  return [scope.accountLabel, scope.group, scope.worker].filter((part): part is string => part !== null && part !== '').join(' · ');
}

export function ruleLabel(ruleId: RuleId): string {
  return RULE_CATALOG[ruleId].label;
}

/** Whether a snooze target silences this alert: every field it names must match (as the engine matches). */
export function snoozeCovers(target: SnoozeTarget, alert: Pick<ActiveAlertView, 'key' | 'ruleId' | 'scope'>): boolean {
  return (
    (target.key === undefined || target.key === alert.key) &&
    (target.ruleId === undefined || target.ruleId === alert.ruleId) &&
    (target.accountId === undefined || target.accountId === alert.scope.accountId) &&
    (target.group === undefined || target.group === alert.scope.group) &&
    (target.worker === undefined || target.worker === alert.scope.worker)
  );
}

/**
 * The snoozes to end so the alert is heard again. An alert may be silenced by its account or rule rather
 * than by its key; when the list knows of none (it may be out of date), ending the key's own snooze is the guess.
 */
export function targetsToResume(alert: Pick<ActiveAlertView, 'key' | 'ruleId' | 'scope'>, snoozes: readonly SnoozeView[]): SnoozeTarget[] {
  const covering = snoozes.filter((snooze) => snoozeCovers(snooze.target, alert)).map((snooze) => snooze.target);
  return covering.length > 0 ? covering : [{ key: alert.key }];
}

/**
 * "Rule Worker offline · account Main", naming each part of the target; a one-alert snooze is named
 * after its alert when that alert is still active ("Worker offline · Main · rack-a · rig-7").
 */
export function snoozeTargetText(
  target: SnoozeTarget,
  accountLabels: ReadonlyMap<string, string>,
  alertsByKey: ReadonlyMap<string, Pick<ActiveAlertView, 'ruleId' | 'scope'>> = new Map(),
): string {
  const alert = target.key === undefined ? undefined : alertsByKey.get(target.key);
  if (alert !== undefined) return `${RULE_CATALOG[alert.ruleId].label} · ${scopeText(alert.scope)}`;
  const parts: string[] = [];
  if (target.ruleId !== undefined) parts.push(`rule ${RULE_CATALOG[target.ruleId].label}`);
  if (target.accountId !== undefined) parts.push(`account ${accountLabels.get(target.accountId) ?? target.accountId}`);
  if (target.group !== undefined) parts.push(`group ${target.group}`);
  if (target.worker !== undefined) parts.push(`worker ${target.worker}`);
  if (target.key !== undefined) parts.push(`alert ${target.key}`);
  const text = parts.join(' · ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A stable React key and test attribute for a snooze target. */
export function snoozeTargetId(target: SnoozeTarget): string {
  return JSON.stringify([target.key ?? null, target.ruleId ?? null, target.accountId ?? null, target.group ?? null, target.worker ?? null]);
}

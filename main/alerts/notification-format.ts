import type { PoolId } from '../../shared/model';
import { maxSeverity, type AlertScope, type RuleId, type Severity } from './alert-types';
import { MACHINE_SCOPE } from './observation';
import { firstNames, NAMES_LISTED, ruleWording } from './rules/alert-wording';

/** One alert change or event inside a notification; the app lists them all. */
export interface NotificationItem {
  key: string;
  ruleId: RuleId;
  scope: AlertScope;
  /** The account's pool, whose word for its units the titles use ("Rental offline"); null for this machine's alerts. */
  pool: PoolId | null;
  ref: string | null;
  change: 'firing' | 'resolved' | 'event' | 'reminder';
  atMs: number;
  message: string;
  severity: Severity;
  urgent: boolean;
}

/** 'digest': too many notifications at once, folded into one; 'summary': a channel's daily or weekly summary. */
export type NotificationKind = 'alert' | 'resolved' | 'event' | 'reminder' | 'quiet-summary' | 'digest' | 'summary';
export type NotificationAction = 'snooze-1h' | 'open';

/** One desktop notification; `items` carries the full list for the app, `alertKeys` what snooze-1h applies to. */
export interface Notification {
  id: string;
  atMs: number;
  kind: NotificationKind;
  title: string;
  body: string;
  severity: Severity;
  urgent: boolean;
  /** null when the notification spans accounts. */
  accountId: string | null;
  alertKeys: string[];
  items: NotificationItem[];
  actions: NotificationAction[];
}

/** Names listed in a notification body before "+N more"; the app shows the rest. */
export const MAX_NAMES_LISTED = NAMES_LISTED;

export function listNames(names: readonly string[]): string {
  return firstNames(names);
}

/**
 * What a grouped notification of worker alerts adds after the names: their groups, and the first item's own
 * words (pool, account, since when), so the text alone says what broke and where.
 */
function workerContext(items: readonly NotificationItem[]): string {
  const first = items[0];
  if (!first || first.scope.worker === null) return '';
  const groups = [...new Set(items.map((item) => item.scope.group).filter((group) => group !== null))];
  const where = groups.length === 0 ? '' : ` (${groups.length === 1 ? groups[0] : `${groups.length} groups`})`;
  return `${where}\nFirst: ${first.message}`;
}

function subject(item: NotificationItem): string {
  if (item.scope.worker !== null) return item.scope.worker;
  if (item.ruleId.startsWith('payout-')) return item.message;
  if (item.scope.group !== null) return item.scope.group;
  return item.ref ?? item.scope.accountLabel;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** "12 workers offline, 1 Pool unreachable" for mixed lists. */
function perRule(items: readonly NotificationItem[]): string {
  const byRule = groupBy(items, (item) => item.ruleId);
  return [...byRule.entries()]
    .map(([ruleId, list]) => {
      const words = ruleWording(ruleId, list[0]?.pool ?? null);
      return list.length === 1 ? words.label : `${list.length} ${words.many}`;
    })
    .join(', ');
}

export function groupBy<T, K>(values: readonly T[], keyOf: (value: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const value of values) {
    const key = keyOf(value);
    const list = groups.get(key);
    if (list) list.push(value);
    else groups.set(key, [value]);
  }
  return groups;
}

function accountsOf(items: readonly NotificationItem[]): Map<string, NotificationItem[]> {
  return groupBy(items, (item) => item.scope.accountId);
}

export function describeItems(kind: NotificationKind, items: readonly NotificationItem[]): { title: string; body: string } {
  const first = items[0];
  if (!first) return { title: '', body: '' };
  const label = first.scope.accountLabel;
  // A pool's outage is named for the pool: "SBI Crypto Pool API down".
  const rule = first.ruleId === 'pool-down' ? { ...ruleWording('pool-down', null), label: `${label} API down` } : ruleWording(first.ruleId, first.pool);
  // An alert about this machine belongs to no account: "Machine offline", not "... in This machine".
  const where = first.scope.accountId === MACHINE_SCOPE.accountId ? '' : ` in ${label}`;
  switch (kind) {
    case 'alert':
    case 'event':
      if (items.length === 1) return { title: `${rule.label}${where}`, body: first.message };
      return { title: `${items.length} ${rule.many} in ${label}`, body: `${listNames(items.map(subject))}${workerContext(items)}` };
    case 'resolved':
      if (items.length === 1) return { title: `Resolved: ${rule.label}${where}`, body: first.message };
      return { title: `Resolved: ${items.length} × ${rule.label} in ${label}`, body: `${listNames(items.map(subject))}.` };
    case 'reminder':
      if (items.length === 1) return { title: `Still firing: ${rule.label}${where}`, body: first.message };
      return { title: `Still firing in ${label}: ${count(items.length, 'alert')}`, body: `${perRule(items)}.` };
    case 'quiet-summary': {
      const lines = [...accountsOf(items).values()].map((list) => `${list[0]?.scope.accountLabel}: ${perRule(list)}`);
      return { title: `While quiet hours: ${count(items.length, 'notification')}`, body: lines.join('\n') };
    }
    case 'summary':
      return { title: 'PoolWatch summary', body: `${count(items.length, 'item')}` };
    case 'digest': {
      const byAccount = accountsOf(items);
      const lines = [...byAccount.values()].map((list) => `${list[0]?.scope.accountLabel}: ${perRule(list)}`);
      return { title: `${count(items.length, 'alert')} in ${count(byAccount.size, 'account')}`, body: lines.join('\n') };
    }
  }
}

/** Builds a notification from items; severity and urgency are the strongest among them. */
export function buildNotification(id: string, atMs: number, kind: NotificationKind, items: NotificationItem[], coveredKeys: readonly string[] = []): Notification {
  const accounts = new Set(items.map((item) => item.scope.accountId));
  const { title, body } = describeItems(kind, items);
  return {
    id,
    atMs,
    kind,
    title,
    body,
    severity: maxSeverity(items.map((item) => item.severity)),
    urgent: items.some((item) => item.urgent),
    accountId: accounts.size === 1 ? (items[0]?.scope.accountId ?? null) : null,
    alertKeys: [...new Set([...items.map((item) => item.key), ...coveredKeys])],
    items,
    actions: ['snooze-1h', 'open'],
  };
}

import type { AlertHistoryEntry, AlertHistoryQuery } from '../../../shared/contract';
import { RULE_IDS, type RuleId, type Severity } from '../../../shared/model';

export const HISTORY_RANGES = [
  { value: '24h', label: 'Last 24 hours', ms: 24 * 3_600_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 24 * 3_600_000 },
  { value: '30d', label: 'Last 30 days', ms: 30 * 24 * 3_600_000 },
  { value: 'all', label: 'All time', ms: null },
] as const;
export type HistoryRange = (typeof HISTORY_RANGES)[number]['value'];

export const SEVERITY_CHOICES: readonly { value: Severity; label: string }[] = [
  { value: 'info', label: 'Info' },
  { value: 'warning', label: 'Warning' },
  { value: 'critical', label: 'Critical' },
];

/** Rows asked for at once; the table says when there may be more. */
export const HISTORY_LIMIT = 500;
/** The engine caps free text at 100 characters. */
export const HISTORY_TEXT_MAX = 100;

/** The filters as the inputs hold them; '' means "any". */
export interface HistoryFilters {
  accountId: string;
  ruleId: RuleId | '';
  severity: Severity | '';
  text: string;
  range: HistoryRange;
}

export const DEFAULT_HISTORY_FILTERS: HistoryFilters = { accountId: '', ruleId: '', severity: '', text: '', range: '7d' };

export function isHistoryRange(value: string): value is HistoryRange {
  return HISTORY_RANGES.some((range) => range.value === value);
}

export function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}

export function isSeverity(value: string): value is Severity {
  return value === 'info' || value === 'warning' || value === 'critical';
}

/** The alerts.history request for the filters; the range counts back from `nowMs`. */
export function historyQuery(filters: HistoryFilters, nowMs: number, limit = HISTORY_LIMIT): AlertHistoryQuery {
  const query: AlertHistoryQuery = { limit };
  if (filters.accountId !== '') query.accountId = filters.accountId;
  if (filters.ruleId !== '') query.ruleId = filters.ruleId;
  if (filters.severity !== '') query.severity = filters.severity;
  const text = filters.text.trim().slice(0, HISTORY_TEXT_MAX);
  if (text !== '') query.text = text;
  const range = HISTORY_RANGES.find((candidate) => candidate.value === filters.range);
  if (range !== undefined && range.ms !== null) query.from = new Date(nowMs - range.ms).toISOString();
  return query;
}

/** Newest first; the id breaks ties between rows written in the same millisecond (later id = later row). */
export function sortHistoryNewestFirst(entries: readonly AlertHistoryEntry[]): AlertHistoryEntry[] {
  const at = (entry: AlertHistoryEntry) => {
    const ms = Date.parse(entry.at);
    return Number.isNaN(ms) ? 0 : ms;
  };
  return [...entries].sort((a, b) => at(b) - at(a) || b.id - a.id);
}

/** What `data-to` and the change column say: the state moved to, or "event" for one-off events. */
export function historyChangeTo(entry: Pick<AlertHistoryEntry, 'to'>): string {
  return entry.to ?? 'event';
}

/** "firing → resolving", "— → pending" for a new alert, "event" for events. */
export function historyChangeText(entry: Pick<AlertHistoryEntry, 'from' | 'to' | 'kind'>): string {
  if (entry.kind === 'event' || entry.to === null) return 'event';
  return `${entry.from ?? '—'} → ${entry.to}`;
}

import type { AlertHistoryEntry, ChannelRoutes, EarningsHistory, HashrateHistory, HistoryScope } from '../../../shared/contract';
import type { WorkerStatesHistory } from '../../store/sample-store';
import { RULE_CATALOG, type AccountSummary } from '../../../shared/model';
import { formatHashrate } from '../../../shared/units';
import { routesAllow } from '../../alerts/channel-routing';
import type { Notification } from '../../alerts/notification-format';
import type { DigestPeriod } from './digest-schedule';
import { ALGORITHM_LABELS, groupAlgorithm, poolAlgorithm } from '../../../shared/model';

/** What a summary reads; a source that has nothing (no history database) answers null or []. */
export interface DigestSources {
  summaries(): readonly AccountSummary[];
  hashrate(scope: HistoryScope, fromMs: number, toMs: number): HashrateHistory | null;
  workerStates(scope: HistoryScope, fromMs: number, toMs: number): WorkerStatesHistory | null;
  earnings(accountId: string, fromMs: number, toMs: number): EarningsHistory | null;
  /** Alert history of the period, every account. */
  alertHistory(fromMs: number, toMs: number): readonly AlertHistoryEntry[];
}

/** Names listed per incident rule before "and N more". */
const NAMES_PER_RULE = 8;

/** What a channel's summary covers of one account: all of it, or only some of its groups (a group route). */
interface Coverage {
  account: AccountSummary;
  /** null = the whole account. */
  groups: string[] | null;
}

/** The accounts (and groups) a channel's routes let it see; no account or group route = every account. */
export function coverageOf(summaries: readonly AccountSummary[], routes: ChannelRoutes | undefined): Coverage[] {
  const scoped = routes !== undefined && (routes.accounts.length > 0 || routes.groups.length > 0);
  return summaries.flatMap((account): Coverage[] => {
    if (!scoped || routes.accounts.includes(account.id)) return [{ account, groups: null }];
    const groups = routes.groups.filter((route) => route.accountId === account.id).map((route) => route.group);
    return groups.length > 0 ? [{ account, groups }] : [];
  });
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Average hashrate over the period per algorithm: per group where the account has groups, else the account's. */
function hashrateByAlgorithm(coverage: readonly Coverage[], sources: DigestSources, fromMs: number, toMs: number): Map<string, number> {
  const totals = new Map<string, number>();
  const add = (algorithm: string, hps: number | null): void => {
    if (hps !== null) totals.set(algorithm, (totals.get(algorithm) ?? 0) + hps);
  };
  for (const { account, groups } of coverage) {
    const known = account.groups.filter((group) => groups === null || groups.includes(group.name));
    if (account.groups.length === 0) {
      add(ALGORITHM_LABELS[poolAlgorithm(account.pool)], mean(sources.hashrate({ accountId: account.id }, fromMs, toMs)?.points.map((point) => point.avg) ?? []));
      continue;
    }
    for (const group of known) {
      const points = sources.hashrate({ accountId: account.id, group: group.name }, fromMs, toMs)?.points ?? [];
      add(ALGORITHM_LABELS[groupAlgorithm(account.pool, group)], mean(points.map((point) => point.avg)));
    }
  }
  return totals;
}

/**
 * The average number of workers online as a share of the most online at once in the period: workers that stopped
 * count as down, while ones gone for months (dead before the period) do not drag it down. null without data.
 */
function uptime(scopes: readonly HistoryScope[], sources: DigestSources, fromMs: number, toMs: number): number | null {
  let sum = 0;
  let points = 0;
  let peak = 0;
  const byTime = new Map<string, number>();
  for (const scope of scopes) {
    for (const point of sources.workerStates(scope, fromMs, toMs)?.points ?? []) byTime.set(point.at, (byTime.get(point.at) ?? 0) + point.online);
  }
  for (const online of byTime.values()) {
    sum += online;
    points += 1;
    peak = Math.max(peak, online);
  }
  return points > 0 && peak > 0 ? sum / points / peak : null;
}

function amount(value: number): string {
  return Number(value.toPrecision(8)).toString();
}

/** Earned per coin; per account only, so a group route shows none (another customer's share would be in it). */
function earningsByCoin(coverage: readonly Coverage[], sources: DigestSources, fromMs: number, toMs: number): Map<string, number> {
  const totals = new Map<string, number>();
  for (const { account, groups } of coverage) {
    if (groups !== null) continue;
    for (const day of sources.earnings(account.id, fromMs, toMs)?.days ?? []) {
      const key = day.unit === 'coin' ? day.coin : `${day.coin} (base units)`;
      totals.set(key, (totals.get(key) ?? 0) + day.amount);
    }
  }
  return totals;
}

/** Alerts that fired in the period (and failed payouts), on what the channel may see. */
function incidents(coverage: readonly Coverage[], routes: ChannelRoutes | undefined, sources: DigestSources, fromMs: number, toMs: number): AlertHistoryEntry[] {
  const visible = new Map(coverage.map((entry) => [entry.account.id, entry]));
  return sources.alertHistory(fromMs, toMs).filter((entry) => {
    const fired = entry.kind === 'transition' ? entry.to === 'firing' : entry.ruleId === 'payout-failed';
    if (!fired) return false;
    if (entry.scope.accountId === '') return coverage.length > 0 && (routes === undefined || (routes.accounts.length === 0 && routes.groups.length === 0));
    const seen = visible.get(entry.scope.accountId);
    if (!seen) return false;
    return routes === undefined || routesAllow(routes, entry.ruleId, entry.scope.accountId, entry.scope.group);
  });
}

/** "- Worker dead: 4 (rig-01 in Main farm, …)", one line per rule, names sorted; the account is named when several are covered. */
function incidentLines(entries: readonly AlertHistoryEntry[], manyAccounts: boolean): string[] {
  const byRule = new Map<string, AlertHistoryEntry[]>();
  for (const entry of entries) byRule.set(entry.ruleId, [...(byRule.get(entry.ruleId) ?? []), entry]);
  const nameOf = (entry: AlertHistoryEntry): string => {
    const subject = entry.scope.worker ?? entry.scope.group;
    if (subject === null) return entry.scope.accountLabel;
    return manyAccounts ? `${subject} in ${entry.scope.accountLabel}` : subject;
  };
  return [...byRule.values()]
    .map((list) => {
      const first = list[0] as AlertHistoryEntry;
      const names = [...new Set(list.map(nameOf))].sort((a, b) => a.localeCompare(b));
      const shown = names.slice(0, NAMES_PER_RULE).join(', ') + (names.length > NAMES_PER_RULE ? ` and ${names.length - NAMES_PER_RULE} more` : '');
      return `- ${RULE_CATALOG[first.ruleId].label}: ${list.length} (${shown})`;
    })
    .sort((a, b) => a.localeCompare(b));
}

const rangeFormats = new Map<string, Intl.DateTimeFormat>();

function formatLocal(atMs: number, timeZone: string | null): string {
  const id = timeZone ?? '';
  let format = rangeFormats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: timeZone ?? undefined, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    rangeFormats.set(id, format);
  }
  return format.format(atMs);
}

export interface DigestRequest {
  channelId: string;
  period: DigestPeriod;
  fromMs: number;
  toMs: number;
  routes: ChannelRoutes | undefined;
  timeZone: string | null;
}

/** The summary as a notification for one channel: hashrate per algorithm, uptime, earnings per coin, incidents. */
export function buildDigest(request: DigestRequest, sources: DigestSources): Notification {
  const { fromMs, toMs, routes } = request;
  const coverage = coverageOf(sources.summaries(), routes);
  const lines: string[] = [];

  lines.push('Hashrate (average)');
  const hashrates = hashrateByAlgorithm(coverage, sources, fromMs, toMs);
  if (hashrates.size === 0) lines.push('- no hashrate recorded');
  for (const [algorithm, hps] of [...hashrates].sort(([a], [b]) => a.localeCompare(b))) lines.push(`- ${algorithm}: ${formatHashrate(hps)}`);

  lines.push('', 'Uptime (workers online, of the most at once)');
  if (coverage.length === 0) lines.push('- no accounts');
  for (const { account, groups } of coverage) {
    const scopes: HistoryScope[] = groups === null ? [{ accountId: account.id }] : groups.map((group) => ({ accountId: account.id, group }));
    const share = uptime(scopes, sources, fromMs, toMs);
    const name = groups === null ? account.label : `${account.label} (${groups.join(', ')})`;
    lines.push(`- ${name}: ${share === null ? 'no data' : `${(share * 100).toFixed(1)} %`}`);
  }

  lines.push('', 'Earnings');
  const earned = earningsByCoin(coverage, sources, fromMs, toMs);
  if (earned.size === 0) lines.push('- none recorded');
  for (const [coin, total] of [...earned].sort(([a], [b]) => a.localeCompare(b))) lines.push(`- ${coin}: ${amount(total)}`);

  const fired = incidents(coverage, routes, sources, fromMs, toMs);
  lines.push('', `Incidents: ${fired.length}`, ...incidentLines(fired, coverage.length > 1));

  const label = request.period === 'daily' ? 'Daily summary' : 'Weekly summary';
  const zone = request.timeZone ? ` (${request.timeZone})` : '';
  return {
    id: `summary-${request.period}-${request.channelId}-${toMs}`,
    atMs: toMs,
    kind: 'summary',
    title: `${label}, ${formatLocal(fromMs, request.timeZone)} – ${formatLocal(toMs, request.timeZone)}${zone}`,
    body: lines.join('\n'),
    severity: 'info',
    urgent: false,
    accountId: coverage.length === 1 ? (coverage[0]?.account.id ?? null) : null,
    alertKeys: [],
    items: [],
    actions: [],
  };
}

import type { Balance, Payout } from '../../../shared/model';
import { formatAge } from '../../../shared/units';
import { DAY_MS, HOUR_MS } from '../../base/time';
import { RULE_CATALOG } from '../rule-catalog';
import { alertKey, type RuleResult } from '../alert-types';
import { emptyResult, type RuleContext } from './rule-context';

/** The cadence is learned from this many of the newest payouts (at least three, so two intervals). */
const CADENCE_PAYOUTS = 10;
const MIN_CADENCE_PAYOUTS = 3;

function timeOf(payout: Payout): number | null {
  if (payout.at === null) return null;
  const ms = Date.parse(payout.at);
  return Number.isFinite(ms) ? ms : null;
}

/** "37 h" up to three days, then "4 d": payout delays are counted in hours, where formatAge would say "2 d" for 37 h. */
function span(ms: number): string {
  return ms < 72 * HOUR_MS ? `${Math.round(ms / HOUR_MS)} h` : formatAge(ms);
}

function amount(value: number, coin: string, unit: Payout['unit']): string {
  return unit === 'coin' ? `${value} ${coin}` : `${value} ${coin} base units`;
}

function judgedPayouts(context: RuleContext): boolean {
  return context.observation.workers !== null && context.verdict.judgeSource;
}

/** payout-stuck: a payout posted or pending, not confirmed payoutStuckHours after it was made. One alert per payout. */
export function payoutStuckRule(context: RuleContext): RuleResult {
  const { observation, settings } = context;
  const result = emptyResult('payout-stuck', judgedPayouts(context));
  if (!result.judged) return result;
  for (const payout of observation.account.payouts) {
    if (payout.status !== 'posted' && payout.status !== 'pending') continue;
    const atMs = timeOf(payout);
    if (atMs === null) continue;
    const scope = context.scope(payout.group, null);
    const s = settings.settingsFor(scope, 'payout-stuck');
    const age = observation.atMs - atMs;
    if (!s.enabled || age < s.payoutStuckHours * HOUR_MS) continue;
    const where = payout.group ? ` of ${payout.group}` : '';
    const tx = payout.txId ? ` (tx ${payout.txId})` : '';
    result.active.push({
      key: alertKey('payout-stuck', scope, payout.id),
      ruleId: 'payout-stuck',
      scope,
      ref: payout.id,
      message: `The payout of ${amount(payout.amount, payout.coin, payout.unit)}${where}${tx} is still ${payout.status}, ${span(age)} after it was made.`,
      severity: RULE_CATALOG['payout-stuck'].severity,
    });
  }
  return result;
}

/** Times of paid payouts (posted or confirmed) of one group (or the whole account) and coin, oldest first. */
function paidTimes(payouts: readonly Payout[], balance: Balance): number[] {
  const times: number[] = [];
  for (const payout of payouts) {
    // A payout without a group (SBI's payout transactions) pays the account: it counts for every group's balance.
    if ((payout.group !== null && payout.group !== balance.group) || payout.coin.toUpperCase() !== balance.coin.toUpperCase()) continue;
    if (payout.status !== 'posted' && payout.status !== 'confirmed') continue;
    const atMs = timeOf(payout);
    if (atMs !== null) times.push(atMs);
  }
  return times.sort((a, b) => a - b);
}

/**
 * The longest interval between the newest paid payouts, or null with too few of them. The longest, not the median:
 * a pool that pays once the balance reaches its minimum pays every 1 or 2 days, and 1.5 x 1 day would cry wolf.
 */
function learnedCadenceMs(times: readonly number[]): number | null {
  const recent = times.slice(-CADENCE_PAYOUTS);
  if (recent.length < MIN_CADENCE_PAYOUTS) return null;
  let gap = 0;
  for (let i = 1; i < recent.length; i += 1) gap = Math.max(gap, recent[i]! - recent[i - 1]!);
  return gap > 0 ? gap : null;
}

/**
 * payout-overdue: an unpaid balance while the last payout of its group and coin is older than payoutOverdueFactor
 * cadences; the cadence is set per account (payoutIntervalHours) or learned from the payout history.
 */
export function payoutOverdueRule(context: RuleContext): RuleResult {
  const { observation, settings } = context;
  const result = emptyResult('payout-overdue', judgedPayouts(context));
  if (!result.judged) return result;
  for (const balance of observation.account.balances) {
    if (!(balance.unpaid > 0)) continue;
    const scope = context.scope(balance.group, null);
    const s = settings.settingsFor(scope, 'payout-overdue');
    // Below the pool's minimum payout nothing is due.
    if (!s.enabled || (s.payoutMinimum !== null && balance.unpaid < s.payoutMinimum)) continue;
    const times = paidTimes(observation.account.payouts, balance);
    const last = times[times.length - 1];
    const cadence = s.payoutIntervalHours !== null ? s.payoutIntervalHours * HOUR_MS : learnedCadenceMs(times);
    if (last === undefined || cadence === null) continue; // no payout yet, or no cadence known: nothing is late
    const since = observation.atMs - last;
    if (since <= cadence * s.payoutOverdueFactor) continue;
    const coin = balance.coin.toUpperCase();
    const where = balance.group ? ` in ${balance.group}` : '';
    result.active.push({
      key: alertKey('payout-overdue', scope, coin),
      ruleId: 'payout-overdue',
      scope,
      ref: coin,
      message: `No payout${where} for ${span(since)} (${s.payoutIntervalHours !== null ? `set to every ${span(cadence)}` : `the longest recent gap was ${span(cadence)}`}), with ${amount(balance.unpaid, coin, balance.unit)} unpaid.`,
      severity: RULE_CATALOG['payout-overdue'].severity,
    });
  }
  return result;
}

/** Payout ids remembered to see new ones (pools list recent payouts only). */
const MAX_KNOWN_PAYOUTS = 2000;

/**
 * What an account has shown of its earnings, kept across polls: the newest day known to have earned (UTC midnight,
 * ms), the payout ids and balance figures seen, to tell a new earning from the same list polled again.
 */
export interface EarningsMemory {
  newestDayMs: number | null;
  /** True while newestDayMs is only the first poll's benefit of the doubt, not something the pool showed since. */
  assumed: boolean;
  payoutIds: Set<string>;
  figures: Map<string, number>;
}

export function newEarningsMemory(): EarningsMemory {
  return { newestDayMs: null, assumed: false, payoutIds: new Set(), figures: new Map() };
}

function dayMs(day: string): number | null {
  const ms = Date.parse(`${day.slice(0, 10)}T00:00:00.000Z`);
  return Number.isFinite(ms) ? ms : null;
}

function startOfDay(ms: number): number {
  return ms - (ms % DAY_MS);
}

/**
 * The newest day among the settled daily earnings this poll lists (estimates are not earnings) and its unpaid
 * earnings (SBI's NEW and PENDING rows are dated by the day they are for).
 */
function newestListedDay(context: RuleContext): number | null {
  const { observation } = context;
  let newest: number | null = null;
  const see = (ms: number | null) => {
    if (ms !== null && ms <= observation.atMs && (newest === null || ms > newest)) newest = ms;
  };
  for (const row of [...observation.account.revenue, ...(observation.dailyEarnings ?? [])]) if (row.estimate !== true) see(dayMs(row.day));
  for (const payout of observation.account.payouts) {
    const atMs = payout.status === 'new' || payout.status === 'pending' ? timeOf(payout) : null;
    if (atMs !== null) see(startOfDay(atMs));
  }
  return newest;
}

/**
 * Whether this poll shows something earned since the last one: a payout id not seen before (SBI lists one per day),
 * or an unpaid balance or a total earned that rose. Updates what `memory` has seen.
 */
function sawNewEarning(context: RuleContext, memory: EarningsMemory): 'new' | 'first' | 'none' {
  const { account } = context.observation;
  const first = memory.figures.size === 0 && memory.payoutIds.size === 0;
  let grew = false;
  for (const payout of account.payouts) {
    if (memory.payoutIds.has(payout.id)) continue;
    memory.payoutIds.add(payout.id);
    grew = true;
  }
  for (const balance of account.balances) {
    for (const [name, value] of [['unpaid', balance.unpaid], ['total', balance.totalEarned ?? null]] as const) {
      if (value === null) continue;
      const key = `${name}\u0000${balance.group ?? ''}\u0000${balance.coin}`;
      const before = memory.figures.get(key);
      if (before === undefined || value > before) grew = true;
      memory.figures.set(key, value);
    }
  }
  for (const id of memory.payoutIds) {
    if (memory.payoutIds.size <= MAX_KNOWN_PAYOUTS) break;
    memory.payoutIds.delete(id);
  }
  // The first poll's list is history; it counts as "earning until yesterday", the benefit of the doubt.
  if (first) return grew ? 'first' : 'none';
  return grew ? 'new' : 'none';
}

/**
 * earnings-stopped: an account that is hashing, whose newest daily earning is for a day before yesterday,
 * earningsStoppedHours after yesterday closed (UTC). Where the pool lists no settled days, a new payout id or a
 * rising balance counts as yesterday's earning. Judged only where the pool shows money at all.
 */
export function earningsStoppedRule(context: RuleContext, memory: EarningsMemory): RuleResult {
  const { observation, settings } = context;
  const result = emptyResult('earnings-stopped', judgedPayouts(context));
  if (!result.judged) return result;
  // Something seen earned now counts for yesterday: pools book a day's earning after the day closed.
  const listed = newestListedDay(context);
  const news = sawNewEarning(context, memory);
  // The start's benefit of the doubt only where the pool dates nothing itself.
  const fromNews = news === 'new' || (news === 'first' && listed === null) ? startOfDay(observation.atMs) - DAY_MS : null;
  if (listed !== null || news === 'new') memory.assumed = false;
  else if (news === 'first' && memory.newestDayMs === null) memory.assumed = true;
  for (const seen of [listed, fromNews]) if (seen !== null && (memory.newestDayMs === null || seen > memory.newestDayMs)) memory.newestDayMs = seen;
  const newest = memory.newestDayMs;
  const scope = context.scope(null, null);
  const s = settings.settingsFor(scope, 'earnings-stopped');
  const { hashrate, workers } = observation.account;
  const hashing = (hashrate.h10m ?? hashrate.h1h ?? 0) > 0 || workers.online > 0;
  if (!s.enabled || newest === null || !hashing) return result;
  const key = alertKey('earnings-stopped', scope);
  // An alert restored after a restart is not ended by the start's benefit of the doubt: it waits for news.
  if (memory.assumed && context.isTracked(key)) {
    result.unknown.push(key);
    return result;
  }
  // The day after the newest earning closed at newest + 2 days; its earning is due some hours later.
  const dueMs = newest + 2 * DAY_MS + s.earningsStoppedHours * HOUR_MS;
  if (observation.atMs < dueMs) return result;
  const day = new Date(newest).toISOString().slice(0, 10);
  result.active.push({
    key,
    ruleId: 'earnings-stopped',
    scope,
    ref: null,
    message: `${scope.accountLabel} is hashing, but its newest daily earning is for ${day}: none for the ${span(observation.atMs - (newest + DAY_MS))} since.`,
    severity: RULE_CATALOG['earnings-stopped'].severity,
  });
  return result;
}

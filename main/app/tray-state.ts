import type { AccountStatus, AccountSummary, Severity } from '../../shared/model';
import { cutText, formatHashrate } from '../../shared/units';

/** Statuses where the pool gives no usable answer. */
export const FAILING_STATUSES: ReadonlySet<AccountStatus> = new Set(['auth_error', 'unreachable', 'error']);

export const TRAY_LEVELS = ['ok', 'warning', 'problem', 'unknown'] as const;
export type TrayLevel = (typeof TRAY_LEVELS)[number];
/** File name, without extension, of a tray image in the icons folder (build/icons/tray-<level>.png). */
export type TrayIconName = `tray-${TrayLevel}`;

export interface TrayState {
  level: TrayLevel;
  tooltip: string;
  iconName: TrayIconName;
}

/** Windows keeps 128 UTF-16 units of a tray tooltip, the terminating NUL included. */
export const MAX_TOOLTIP_LENGTH = 127;

/** Every worker silent: the farm is down even if the pool answers fine. */
function allWorkersDown(account: AccountSummary): boolean {
  return account.workers.total > 0 && account.workers.online === 0 && account.workers.unknown < account.workers.total;
}

// Dead workers alone do not warn: pools keep long-gone rigs listed as DEAD (73% of SBI's sample account).
// A worker online but not hashing does: connected, yet producing nothing.
function hasWarning(account: AccountSummary): boolean {
  return account.status === 'permission_limited' || account.stale || account.workers.offline > 0 || (account.workers.notHashing ?? 0) > 0;
}

const LEVEL_RANK: Record<TrayLevel, number> = { unknown: 0, ok: 1, warning: 2, problem: 3 };
const LEVEL_OF_ALERT: Record<Severity, TrayLevel> = { info: 'ok', warning: 'warning', critical: 'problem' };

/** The accounts' level, raised to the worst firing alert's: a firing critical alert is a problem. */
export function trayLevel(accounts: readonly AccountSummary[], worstAlert: Severity | null = null): TrayLevel {
  const level = accountsLevel(accounts);
  if (worstAlert === null) return level;
  const alertLevel = LEVEL_OF_ALERT[worstAlert];
  return LEVEL_RANK[alertLevel] > LEVEL_RANK[level] ? alertLevel : level;
}

function accountsLevel(accounts: readonly AccountSummary[]): TrayLevel {
  if (accounts.every((account) => account.status === 'pending')) return 'unknown';
  if (accounts.some((account) => FAILING_STATUSES.has(account.status) || allWorkersDown(account))) return 'problem';
  if (accounts.some(hasWarning)) return 'warning';
  return 'ok';
}

/** Sum of each account's 10-minute hashrate (its 1-hour one where the pool gives no 10-minute figure); null if none. */
export function totalHashrateHps(accounts: readonly AccountSummary[]): number | null {
  let total: number | null = null;
  for (const account of accounts) {
    const hps = account.hashrate.h10m ?? account.hashrate.h1h;
    if (hps !== null) total = (total ?? 0) + hps;
  }
  return total;
}

function levelWords(level: TrayLevel, accounts: readonly AccountSummary[]): string {
  switch (level) {
    case 'ok':
      return 'all accounts OK';
    case 'warning':
      return 'needs attention';
    case 'problem': {
      const failing = accounts.filter((account) => FAILING_STATUSES.has(account.status)).length;
      if (failing === 0) return 'all workers down';
      return `${failing} account${failing === 1 ? '' : 's'} failing`;
    }
    case 'unknown':
      return accounts.length === 0 ? 'no accounts yet' : 'waiting for the first poll';
  }
}

/** The fleet's 10-minute hashrate against its 24 h average, e.g. "▼ 12% vs 24 h"; null without both figures. */
export function hashrateTrend(accounts: readonly AccountSummary[]): string | null {
  let now = 0;
  let day = 0;
  for (const account of accounts) {
    const { h10m, h24h } = account.hashrate;
    if (h10m === null || h24h === null) continue;
    now += h10m;
    day += h24h;
  }
  if (day <= 0) return null;
  const change = Math.round(((now - day) / day) * 100);
  if (change === 0) return '= 24 h avg';
  return `${change > 0 ? '▲' : '▼'} ${Math.abs(change)}% vs 24 h`;
}

/** What the tray shows for the accounts' summaries: icon, level and a one-line tooltip. */
export function computeTrayState(accounts: readonly AccountSummary[], paused: boolean, worstAlert: Severity | null = null): TrayState {
  const level = trayLevel(accounts, worstAlert);
  const raisedByAlert = level !== accountsLevel(accounts);
  const parts = [`PoolWatch — ${raisedByAlert ? `${worstAlert} alert firing` : levelWords(level, accounts)}`];
  if (accounts.length > 0) {
    const online = accounts.reduce((sum, account) => sum + account.workers.online, 0);
    const total = accounts.reduce((sum, account) => sum + account.workers.total, 0);
    const trend = hashrateTrend(accounts);
    const notHashing = accounts.reduce((sum, account) => sum + (account.workers.notHashing ?? 0), 0);
    const workers = `${online}/${total} workers online${notHashing > 0 ? `, ${notHashing} not hashing` : ''}`;
    parts.push(formatHashrate(totalHashrateHps(accounts)) + (trend ? ` (${trend})` : ''), workers);
  }
  if (paused) parts.push('paused');
  return { level, tooltip: cutText(parts.join(' · '), MAX_TOOLTIP_LENGTH), iconName: `tray-${level}` };
}

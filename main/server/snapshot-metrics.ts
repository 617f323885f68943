import { Gauge, type Registry } from 'prom-client';
import { groupAlgorithm, WORKER_STATES, type AccountSummary, type HashrateWindows } from '../../shared/model';
import type { ActiveAlertView } from '../../shared/contract';
import { unpaidWholeCoins } from '../pools/whole-coins';

/** The hashrate windows as the `window` label says them. */
const WINDOWS: ReadonlyArray<[keyof HashrateWindows, string]> = [
  ['h10m', '10m'],
  ['h1h', '1h'],
  ['h24h', '24h'],
];

const SEVERITIES = ['info', 'warning', 'critical'] as const;

/** Statuses whose last poll worked: the account is up. */
const UP_STATUSES: ReadonlySet<string> = new Set(['ok', 'permission_limited']);

/** What the gauges are filled from, read once per scrape so every series of one scrape agrees with one snapshot. */
export interface SnapshotState {
  accounts: readonly AccountSummary[];
  alerts: readonly ActiveAlertView[];
}

/** The gauges that mirror /api/snapshot. Account label = the account's id (stable and unique; the label can change). */
export class SnapshotMetrics {
  private readonly gauges: Gauge[] = [];
  private readonly info: Gauge;
  private readonly up: Gauge;
  private readonly lastSuccess: Gauge;
  private readonly hashrate: Gauge;
  private readonly workers: Gauge;
  private readonly groupHashrate: Gauge;
  private readonly groupWorkers: Gauge;
  private readonly unpaid: Gauge;
  private readonly alertsFiring: Gauge;

  constructor(registry: Registry) {
    const gauge = (name: string, help: string, labelNames: string[]): Gauge => {
      const made = new Gauge({ name, help, labelNames, registers: [registry] });
      this.gauges.push(made);
      return made;
    };
    this.info = gauge('poolwatch_account_info', 'Always 1; carries the account\'s display name (label) for dashboards.', ['account', 'pool', 'label']);
    this.up = gauge('poolwatch_account_up', '1 when the account\'s last poll succeeded, else 0.', ['account', 'pool']);
    this.lastSuccess = gauge('poolwatch_last_success_timestamp_seconds', 'Unix time of the account\'s last successful poll.', ['account', 'pool']);
    this.hashrate = gauge('poolwatch_account_hashrate_hps', 'Account hashrate in H/s, averaged over the window the pool reports.', ['account', 'pool', 'window']);
    this.workers = gauge('poolwatch_account_workers', 'Workers of the account by state.', ['account', 'pool', 'state']);
    this.groupHashrate = gauge('poolwatch_group_hashrate_hps', 'Group (subaccount, scheduler, site) hashrate in H/s, with its mining algorithm.', [
      'account',
      'pool',
      'group',
      'algorithm',
      'window',
    ]);
    this.groupWorkers = gauge('poolwatch_group_workers', 'Workers of a group by state.', ['account', 'pool', 'group', 'state']);
    this.unpaid = gauge('poolwatch_account_unpaid_balance', 'Unpaid balance in whole coins, summed over the account\'s groups.', ['account', 'pool', 'coin']);
    this.alertsFiring = gauge('poolwatch_alerts_firing', 'Alerts firing by severity (account "" = about this machine).', ['account', 'pool', 'severity']);
  }

  /** Replaces every series with the state given: removed accounts, groups and coins disappear with it. */
  fill(state: SnapshotState): void {
    for (const gauge of this.gauges) gauge.reset();
    const poolOf = new Map(state.accounts.map((account) => [account.id, account.pool]));
    for (const account of state.accounts) this.fillAccount(account);
    for (const account of state.accounts) {
      for (const severity of SEVERITIES) this.alertsFiring.set({ account: account.id, pool: account.pool, severity }, 0);
    }
    for (const alert of state.alerts) {
      if (alert.state !== 'firing') continue;
      const accountId = alert.scope.accountId;
      this.alertsFiring.inc({ account: accountId, pool: poolOf.get(accountId) ?? '', severity: alert.severity });
    }
  }

  private fillAccount(account: AccountSummary): void {
    const labels = { account: account.id, pool: account.pool };
    this.info.set({ ...labels, label: account.label }, 1);
    this.up.set(labels, UP_STATUSES.has(account.status) ? 1 : 0);
    const lastGood = account.lastGoodAt === null ? Number.NaN : Date.parse(account.lastGoodAt);
    if (Number.isFinite(lastGood)) this.lastSuccess.set(labels, lastGood / 1000);
    setWindows(this.hashrate, labels, account.hashrate);
    for (const state of WORKER_STATES) this.workers.set({ ...labels, state }, account.workers[state]);
    for (const group of account.groups) {
      const groupLabels = { ...labels, group: group.name };
      setWindows(this.groupHashrate, { ...groupLabels, algorithm: groupAlgorithm(account.pool, group) }, group.hashrate);
      for (const state of WORKER_STATES) this.groupWorkers.inc({ ...groupLabels, state }, group.workers[state]);
    }
    for (const [coin, coins] of unpaidWholeCoins(account.balances)) this.unpaid.set({ ...labels, coin }, coins);
  }
}

/** One series per window the pool reports; a window it does not report has no series (not a 0). Summed on repeats. */
export function setWindows<L extends string>(gauge: Gauge<L>, labels: Partial<Record<L, string>>, hashrate: HashrateWindows): void {
  for (const [field, window] of WINDOWS) {
    const value = hashrate[field];
    if (value !== null) gauge.inc({ ...labels, window } as Partial<Record<L, string>>, value);
  }
}

import { POOL_IDS, POOLS, type AccountSummary, type PoolId } from '../../../shared/model';
import { formatAge } from '../../../shared/units';
import { RULE_CATALOG } from '../rule-catalog';
import { alertKey, type AlertScope, type RuleResult } from '../alert-types';
import type { SettingsResolver } from '../alert-settings';
import type { GateVerdict } from '../data-source-gate';
import { MACHINE_SCOPE } from '../observation';
import { emptyResult } from './rule-context';

/** The scope of one pool's outage: about no account (like machine-offline), the pool id as its group. */
export function poolScope(pool: PoolId): AlertScope {
  return { ...MACHINE_SCOPE, accountLabel: POOLS[pool].name, group: pool };
}

/**
 * Which accounts' polls are failing (network, 5xx, 429: not a rejected or refused key), per pool. When every account
 * of a pool with two or more accounts fails, the pool is down: one pool-down alert speaks for all of them.
 */
export class PoolOutages {
  private readonly accounts = new Map<string, { pool: PoolId; failingSinceMs: number | null }>();

  record(account: Pick<AccountSummary, 'id' | 'pool' | 'status'>, verdict: GateVerdict, atMs: number): void {
    const keyProblem = account.status === 'auth_error' || account.status === 'permission_limited';
    const failing = verdict.failed && verdict.failingForMs !== null && !keyProblem;
    this.accounts.set(account.id, { pool: account.pool, failingSinceMs: failing ? atMs - (verdict.failingForMs ?? 0) : null });
  }

  forget(accountId: string): void {
    this.accounts.delete(accountId);
  }

  /** Since when every account of the pool has been failing (the earliest first failure); null when one is not. */
  downSinceMs(pool: PoolId): number | null {
    let count = 0;
    let since = Number.POSITIVE_INFINITY;
    for (const account of this.accounts.values()) {
      if (account.pool !== pool) continue;
      if (account.failingSinceMs === null) return null;
      count += 1;
      since = Math.min(since, account.failingSinceMs);
    }
    return count >= 2 ? since : null;
  }

  /** pool-down for every pool, judged together (they share one scope account). Quiet while this machine is offline. */
  rule(atMs: number, settings: SettingsResolver, hostOffline: boolean): RuleResult {
    const result = emptyResult('pool-down', true);
    if (hostOffline) return result;
    for (const pool of POOL_IDS) {
      const since = this.downSinceMs(pool);
      if (since === null) continue;
      const scope = poolScope(pool);
      const s = settings.settingsFor(scope, 'pool-down');
      if (!s.enabled || atMs - since < s.sourceFailingMinutes * 60_000) continue;
      const accounts = [...this.accounts.values()].filter((account) => account.pool === pool).length;
      const message = `${POOLS[pool].name} API down: all ${accounts} accounts of this pool have failed to poll for ${formatAge(atMs - since)}. Other pools answer, so this machine is online; the pool's status page may say more.`;
      result.active.push({ key: alertKey('pool-down', scope), ruleId: 'pool-down', scope, ref: null, message, severity: RULE_CATALOG['pool-down'].severity });
    }
    return result;
  }
}

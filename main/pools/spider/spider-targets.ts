import type { PollContext } from '../adapter';
import { PoolError } from '../../base/pool-error';
import type { SpiderClient } from './spider-client';
import { SPIDER_ENDPOINTS } from './spider-endpoints';
import { SPIDER_NAME } from './spider-errors';
import { groupName, wireCoin } from './spider-mapping';
import type { SpiderSubaccountInfo } from './spider-schemas';
import type { WorkerTarget } from './spider-workers';

/** One subaccount mining one coin: a group of the reading. */
export interface Target extends WorkerTarget {
  info: SpiderSubaccountInfo;
}

function targetOf(info: SpiderSubaccountInfo): Target {
  const coin = wireCoin(info.coin);
  return {
    info,
    subaccount: info.subaccount,
    coin,
    group: groupName(info.subaccount, coin),
    expected: Math.max(0, Math.round((info.activeWorkerNum ?? 0) + (info.inactiveWorkerNum ?? 0))),
  };
}

function uniqueTargets(infos: readonly SpiderSubaccountInfo[]): Target[] {
  const byGroup = new Map<string, Target>();
  for (const info of infos) {
    const target = targetOf(info);
    if (!byGroup.has(target.group)) byGroup.set(target.group, target);
  }
  return [...byGroup.values()];
}

/** The subaccounts named in the account options, or every one the key can see (no filters) when none are named. */
export async function findTargets(client: SpiderClient, configured: PollContext['options']['subaccounts'], limitations: string[]): Promise<Target[]> {
  if (!configured || configured.length === 0) {
    const targets = uniqueTargets(await client.call(SPIDER_ENDPOINTS.subaccountInfo, {}, null));
    if (targets.length === 0) {
      limitations.push("Spider Pool lists no subaccounts for this access key. Create one in Spider Pool, or name the subaccounts to watch in this account's settings.");
    }
    return targets;
  }
  const wanted = new Map<string, { name: string; coin: string }>();
  for (const entry of configured) {
    const name = entry.name.trim();
    const coin = wireCoin(entry.coin);
    if (name && coin) wanted.set(groupName(name, coin), { name, coin });
  }
  const found: SpiderSubaccountInfo[] = [];
  const missing: string[] = [];
  for (const [group, { name, coin }] of wanted) {
    const outcome = await client.tryCall(SPIDER_ENDPOINTS.subaccountInfo, { coin, subaccount: name }, group);
    if (!outcome.ok) {
      if (outcome.kind !== 'missing-subaccount') throw outcome.error;
      missing.push(`${group} (${outcome.code}: ${outcome.reason})`);
      continue;
    }
    const match = outcome.data.filter((info) => info.subaccount === name && wireCoin(info.coin) === coin);
    // A filtered answer that spells the subaccount differently (case, spacing) is still the one asked for.
    const chosen = match.length > 0 ? match : outcome.data.length === 1 ? outcome.data.map((info) => ({ ...info, subaccount: name, coin })) : [];
    if (chosen.length === 0) missing.push(`${group} (not in the answer)`);
    found.push(...chosen);
  }
  if (missing.length > 0) {
    const text = `${SPIDER_NAME} does not know ${missing.length === 1 ? 'this subaccount' : 'these subaccounts'}: ${missing.join('; ')}. Check the subaccount names and coins in this account's settings.`;
    if (found.length === 0) throw new PoolError('config', text);
    limitations.push(text);
  }
  return uniqueTargets(found);
}

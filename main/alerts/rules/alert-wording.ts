import { POOL_FEATURES, POOLS, type Noun, type PoolId } from '../../../shared/model';

/** Names listed in a message before "+N more"; the app lists them all. */
export const NAMES_LISTED = 5;

/** "rig-01, rig-02, rig-03, rig-04, rig-05 +35 more". */
export function firstNames(names: readonly string[], total = names.length): string {
  const shown = names.slice(0, NAMES_LISTED).join(', ');
  return total > NAMES_LISTED ? `${shown} +${total - NAMES_LISTED} more` : shown;
}

/** The pool's own words: SBI "worker", WebMinePool "user", Stratumsphere "rental"; group "subaccount", "site"... */
export function poolNouns(pool: PoolId): { worker: Noun; group: Noun; poolName: string } {
  const { terms } = POOL_FEATURES[pool];
  return { worker: terms.worker, group: terms.group, poolName: POOLS[pool].name };
}

/** "3 users", "1 worker". */
export function counted(count: number, noun: Noun): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun.one : noun.many}`;
}

/** "12:03 UTC" from a time in ms; the message is read later, maybe elsewhere, so the zone is said. */
export function utcClock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

import { POOL_FEATURES, POOLS, type Noun, type PoolId, type RuleId } from '../../../shared/model';
import { RULE_CATALOG, type RuleInfo } from '../rule-catalog';

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

/**
 * A rule's catalog label and plural phrase in the pool's word for its units: "Rental offline", "Many users offline",
 * "12 rentals offline"; unchanged for pools of workers, and where the pool is not known (alerts of this machine).
 */
export function ruleWording(ruleId: RuleId, pool: PoolId | null): Pick<RuleInfo, 'label' | 'many'> {
  const { label, many } = RULE_CATALOG[ruleId];
  if (pool === null) return { label, many };
  const noun = poolNouns(pool).worker;
  const say = (text: string): string =>
    text.replace(/\b([Ww])orker(s?)\b/g, (_, initial: string, plural: string) => {
      const word = plural ? noun.many : noun.one;
      return initial === 'W' ? word.charAt(0).toUpperCase() + word.slice(1) : word;
    });
  return { label: say(label), many: say(many) };
}

/** "3 users", "1 worker". */
export function counted(count: number, noun: Noun): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun.one : noun.many}`;
}

/** "12:03 UTC" from a time in ms; the message is read later, maybe elsewhere, so the zone is said. */
export function utcClock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

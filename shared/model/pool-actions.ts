// Changes PoolWatch can ask a pool to make, where the pool's API offers them and the key may (SBI: the UPDATE permission).

/** clear-inactive-workers: the pool forgets the group's dead workers. switch-coin: the group mines another coin. */
export type PoolAction = { kind: 'clear-inactive-workers'; group: string } | { kind: 'switch-coin'; group: string; coin: string };
export type PoolActionKind = PoolAction['kind'];

export const POOL_ACTION_LABELS: Record<PoolActionKind, string> = {
  'clear-inactive-workers': 'Clear inactive workers',
  'switch-coin': 'Switch coin',
};

/** What one group offers: its coin, the coins it may switch to, and the dead workers a clear would remove. */
export interface PoolActionGroup {
  name: string;
  coin: string | null;
  coins: string[];
  /** How many workers the pool calls dead (inactive) now. */
  deadWorkers: number;
  /** Their names, the first few. */
  deadWorkerNames: string[];
}

/** The actions an account's key may take, or why it may take none. */
export interface PoolActionOffer {
  accountId: string;
  allowed: boolean;
  /** Why no action is offered (no UPDATE permission, a pool without actions, no data yet); null when allowed. */
  reason: string | null;
  groups: PoolActionGroup[];
}

/** The pool's answer to an action, in words, with its HTTP status when it answered. */
export interface PoolActionResult {
  ok: boolean;
  httpStatus: number | null;
  message: string;
}

/** "Clear inactive workers of usonly", "Switch usonly to BCH": an action in one line (history, confirmations). */
export function poolActionText(action: PoolAction): string {
  return action.kind === 'clear-inactive-workers' ? `Clear inactive workers of ${action.group}` : `Switch ${action.group} to ${action.coin}`;
}

/** Names shown before "+N more" in a preview. */
const NAMES_SHOWN = 10;

/** Exactly what the action will change, line by line, for the confirmation. */
export function poolActionPreview(action: PoolAction, group: PoolActionGroup): string[] {
  if (action.kind === 'clear-inactive-workers') {
    if (group.deadWorkers === 0) return [`${group.name} has no inactive (dead) workers now: the pool has nothing to remove.`];
    const names = group.deadWorkerNames.slice(0, NAMES_SHOWN);
    const more = group.deadWorkers - names.length;
    return [
      `Removes the ${group.deadWorkers} inactive (dead) worker${group.deadWorkers === 1 ? '' : 's'} of ${group.name} from the pool's list: ${names.join(', ')}${more > 0 ? ` (+${more} more)` : ''}.`,
      'Online and offline workers stay. A removed worker that sends shares again comes back on its own.',
    ];
  }
  return [
    `${group.name} stops mining ${group.coin ?? 'its current coin'} and mines ${action.coin} instead, from the pool's next job.`,
    `Its workers need no change. Earnings from then on are in ${action.coin}, paid to the ${action.coin} payout address set for ${group.name} on the pool (the pool refuses the switch if there is none).`,
  ];
}

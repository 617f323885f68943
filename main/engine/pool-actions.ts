import { ContractError } from '../../shared/contract';
import { POOLS, type AccountSummary, type PoolAction, type PoolActionGroup, type PoolActionOffer, type PoolActionResult, type Worker } from '../../shared/model';
import type { Clock } from '../base/clock';
import { isPoolError } from '../base/pool-error';
import type { Engine } from './engine';

/** How long a key's permission, as the pool told it, is trusted before it is asked again. */
const PERMISSION_TTL_MS = 10 * 60_000;
/** Dead workers named in an offer (the preview names the first few of them). */
const DEAD_NAMES_KEPT = 20;

type Permission = { permitted: true } | { permitted: false; reason: string };

/**
 * Changes the user asks a pool to make (SBI: clear inactive workers, switch a subaccount's coin): what an account's
 * key may do, and doing it. Nothing is sent unless the pool said the key may make changes; a key that may not is
 * refused here, before any request.
 */
export class PoolActionRunner {
  private readonly permissions = new Map<string, { atMs: number; permission: Permission }>();

  constructor(
    private readonly engine: Engine,
    private readonly clock: Clock,
  ) {}

  /** The account's key or address changed: ask the pool again. */
  forget(accountId: string): void {
    this.permissions.delete(accountId);
  }

  async offer(accountId: string): Promise<PoolActionOffer> {
    const account = this.summaryOf(accountId);
    const refuse = (reason: string): PoolActionOffer => ({ accountId, allowed: false, reason, groups: [] });
    let permission: Permission | null;
    try {
      permission = await this.permission(accountId);
    } catch (error) {
      if (!isPoolError(error)) throw error;
      return refuse(`PoolWatch could not ask ${POOLS[account.pool].name} what this key may change: ${error.message}`);
    }
    if (permission === null) return refuse(`${POOLS[account.pool].name} takes no changes through its API.`);
    if (!permission.permitted) return refuse(permission.reason);
    if (account.groups.length === 0) return refuse('No subaccounts read yet: actions are offered after the first good poll.');
    return { accountId, allowed: true, reason: null, groups: account.groups.map((group) => actionGroup(account, group, this.engine.workersOf(accountId))) };
  }

  /** Sends the action when the key may take it and the group and coin are ones the offer names; the pool's answer, in words. */
  async run(accountId: string, action: PoolAction): Promise<PoolActionResult> {
    const offer = await this.offer(accountId);
    const label = this.summaryOf(accountId).label;
    if (!offer.allowed) throw new ContractError('invalid_request', `Nothing was sent for ${label}: ${offer.reason}`);
    const group = offer.groups.find((candidate) => candidate.name === action.group);
    if (!group) throw new ContractError('invalid_request', `${label} has no subaccount "${action.group}"; nothing was sent.`);
    if (action.kind === 'switch-coin' && !group.coins.includes(action.coin)) {
      throw new ContractError('invalid_request', `${action.group} cannot switch to "${action.coin}": the pool lists ${group.coins.join(', ')}. Nothing was sent.`);
    }
    let result: PoolActionResult;
    try {
      result = await this.engine.withAccountPool(accountId, async (adapter, context) => {
        if (!adapter.actions) throw new ContractError('invalid_request', `${POOLS[adapter.pool].name} takes no changes through its API.`);
        return adapter.actions.run(context, action);
      });
    } catch (error) {
      if (!isPoolError(error)) throw error;
      result = { ok: false, httpStatus: error.details.httpStatus ?? null, message: `No answer from the pool: ${error.message}` };
    }
    if (result.httpStatus === 403) this.forget(accountId);
    // The cards and the worker list show the change at once rather than at the next scheduled poll.
    if (result.ok) void this.engine.pollAll([accountId]);
    return result;
  }

  private summaryOf(accountId: string): AccountSummary {
    this.engine.requireAccount(accountId);
    const summary = this.engine.summaries().find((candidate) => candidate.id === accountId);
    if (!summary) throw new ContractError('not_found', `Account "${accountId}" is not running.`);
    return summary;
  }

  private async permission(accountId: string): Promise<Permission | null> {
    const cached = this.permissions.get(accountId);
    if (cached && this.clock.now() - cached.atMs < PERMISSION_TTL_MS) return cached.permission;
    const permission = await this.engine.withAccountPool(accountId, async (adapter, context) => (adapter.actions ? adapter.actions.permitted(context) : null));
    if (permission !== null) this.permissions.set(accountId, { atMs: this.clock.now(), permission });
    return permission;
  }
}

/** A group as an action sees it: the coins its pool's subpools list (and its own), its dead workers. */
function actionGroup(account: AccountSummary, group: AccountSummary['groups'][number], workers: readonly Worker[]): PoolActionGroup {
  const coins = new Set(account.stratumServers.flatMap((server) => server.coins.map((coin) => coin.toUpperCase())));
  if (group.coin !== null) coins.add(group.coin);
  const dead = workers.filter((worker) => worker.group === group.name && worker.state === 'dead');
  return {
    name: group.name,
    coin: group.coin,
    coins: [...coins].sort(),
    deadWorkers: workers.length > 0 ? dead.length : group.workers.dead,
    deadWorkerNames: dead.slice(0, DEAD_NAMES_KEPT).map((worker) => worker.name),
  };
}

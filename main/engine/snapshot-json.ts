import { groupAlgorithm, type AccountSummary, type Worker, type WorkerCounts } from '../../shared/model';

/** Counts with `notHashing` always a number (0 where no worker was judged), as the document promises. */
function countsJson(counts: WorkerCounts): Required<WorkerCounts> {
  return { ...counts, notHashing: counts.notHashing ?? 0 };
}

export const SNAPSHOT_SCHEMA_VERSION = 1;

/**
 * The snapshot document printed by `poolwatch poll --json` and served at GET /api/snapshot.
 * Its shape is public (README, "Snapshot JSON"): add fields, never rename or remove them without a new schemaVersion.
 */
export function buildSnapshotJson(
  polledAtMs: number,
  accounts: readonly AccountSummary[],
  workersOf?: (accountId: string) => readonly Worker[],
) {
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    polledAt: new Date(polledAtMs).toISOString(),
    accounts: accounts.map((account) => ({
      id: account.id,
      pool: account.pool,
      label: account.label,
      status: account.status,
      message: account.message,
      limitations: account.limitations,
      stale: account.stale,
      lastGoodAt: account.lastGoodAt,
      hashrate: account.hashrate,
      workers: countsJson(account.workers),
      groups: account.groups.map((group) => ({
        name: group.name,
        coin: group.coin,
        algorithm: groupAlgorithm(account.pool, group),
        hashrate: group.hashrate,
        workers: countsJson(group.workers),
        // The same for every key reading that pool account: scripts can count it once, as the Overview does.
        ...(group.identity === undefined ? {} : { identity: group.identity }),
      })),
      balances: account.balances.map(({ coin, unpaid, unit, group }) => ({ coin, unpaid, unit, group })),
      stratumServers: account.stratumServers,
      payouts: account.payouts.map(({ id, coin, amount, unit, status, txId, at }) => ({ id, coin, amount, unit, status, txId, at })),
      ...(workersOf
        ? {
            workerList: workersOf(account.id).map((worker) => ({
              name: worker.name,
              group: worker.group,
              state: worker.state,
              hashrate: worker.hashrate,
              lastShareAt: worker.lastShareAt,
              notHashingSince: worker.notHashingSince ?? null,
            })),
          }
        : {}),
    })),
  };
}

import type { Worker } from '../../../shared/model';
import { PoolError } from '../../base/pool-error';
import type { SpiderClient, SpiderOutcome } from './spider-client';
import { SPIDER_ENDPOINTS } from './spider-endpoints';
import { SPIDER_NAME } from './spider-errors';
import { toWorker } from './spider-mapping';

/** Workers asked per page; Spider's default is 10 and no maximum is documented. */
export const SPIDER_WORKER_PAGE_SIZE = 100;
/** Refuse absurd totals instead of paging forever. */
export const SPIDER_MAX_WORKERS = 250_000;

export interface WorkerTarget {
  subaccount: string;
  /** lower case, as sent */
  coin: string;
  group: string;
  /** Workers the subaccount info counts (active + inactive), to tell a capped page from the last one. */
  expected: number;
}

/**
 * Reads every worker of one subaccount and coin. The documented endpoint answers a plain list; newer ones page
 * 1-based with pageNum/pageSize, older ones with pageNumber/pageSize: both names are sent, and paging stops at the
 * total, at a short page, at a list longer than a page, or when a page brings no new name (paging ignored).
 */
export async function readAllWorkers(client: SpiderClient, target: WorkerTarget): Promise<SpiderOutcome<Worker[]>> {
  const byName = new Map<string, Worker>();
  const maxPages = Math.ceil(SPIDER_MAX_WORKERS / 10);
  let firstLength = 0;
  for (let page = 1; page <= maxPages; page += 1) {
    const outcome = await client.tryCall(
      SPIDER_ENDPOINTS.workers,
      { coin: target.coin, subaccount: target.subaccount, pageNum: page, pageNumber: page, pageSize: SPIDER_WORKER_PAGE_SIZE },
      target.group,
    );
    if (!outcome.ok) {
      if (page === 1) return outcome;
      throw outcome.error;
    }
    const { list, total } = outcome.data;
    if (total !== null && total > SPIDER_MAX_WORKERS) {
      throw new PoolError(
        'bad_response',
        `${SPIDER_NAME} reports ${total} workers for ${target.group}, more than PoolWatch reads (${SPIDER_MAX_WORKERS}). Watch fewer subaccounts with this account.`,
      );
    }
    if (page === 1) firstLength = list.length;
    let added = 0;
    for (const raw of list) {
      if (byName.has(raw.workerName)) continue;
      byName.set(raw.workerName, toWorker(raw, target.group));
      added += 1;
    }
    if (list.length === 0 || added === 0) break;
    if (total !== null) {
      if (byName.size >= total) break;
    } else if (list.length > SPIDER_WORKER_PAGE_SIZE) {
      // more than a page: the server ignores paging and sent everything
      break;
    } else if (list.length < SPIDER_WORKER_PAGE_SIZE && (list.length < firstLength || byName.size >= target.expected)) {
      break;
    }
  }
  return { ok: true, data: [...byName.values()] };
}

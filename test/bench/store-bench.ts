import type { AccountSummary, Worker } from '../../shared/model';

/** History-store figures; filled in once the sample store exists. */
export async function benchStore(
  _workers: Worker[],
  _summaryOf: (workers: Worker[]) => AccountSummary,
): Promise<Array<{ name: string; medianMs: number; heapMb: number; note?: string }>> {
  return [];
}

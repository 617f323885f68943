import type { ExportRequest } from '../../../shared/contract';
import type { StateFilter, WorkerSort } from './worker-rows';

/**
 * The workers export of the Workers screen: the account and filters the table shows, named after them, and the sort
 * it applies (its effectiveSort), so the file lists the rows in the order on screen.
 */
export function workersExportRequest(accountId: string | null, state: StateFilter, name: string, sort: WorkerSort): ExportRequest {
  return {
    kind: 'workers',
    ...(accountId === null ? {} : { accountId }),
    ...(state === 'all' ? {} : { state }),
    ...(name.trim() === '' ? {} : { name: name.trim() }),
    sort: { key: sort.key, direction: sort.direction },
  };
}

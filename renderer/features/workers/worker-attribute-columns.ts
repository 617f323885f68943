import { discoverAttributeColumns, type AttributeColumn } from '../../components/attributes';
import { WorkerMap } from '../../state/worker-map';
import type { AccountWorkers } from './worker-rows';

// Per chunk of a WorkerMap (shared between versions until a delta rewrites it): its attribute columns, found once.
const columnsByChunk = new WeakMap<object, AttributeColumn[]>();

/**
 * The attribute columns of all workers, as discoverAttributeColumns finds them in one pass (labels in the order first
 * seen, numeric only if numeric everywhere), but from the columns of each chunk: a delta part re-reads its chunks only.
 */
export function attributeColumnsOf(lists: readonly AccountWorkers[]): AttributeColumn[] {
  const merged = new Map<string, AttributeColumn>();
  for (const { workers } of lists) {
    const chunks = workers instanceof WorkerMap ? workers.chunks : [[...workers.values()]];
    for (const chunk of chunks) {
      let columns = columnsByChunk.get(chunk);
      if (columns === undefined) {
        columns = discoverAttributeColumns(chunk.filter((worker) => worker !== undefined));
        columnsByChunk.set(chunk, columns);
      }
      for (const column of columns) {
        const seen = merged.get(column.label);
        merged.set(column.label, seen === undefined ? column : { ...seen, numeric: seen.numeric && column.numeric });
      }
    }
  }
  return [...merged.values()];
}

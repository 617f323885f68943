import { useState } from 'react';
import { ExportOutcomeNote, type ExportStatus } from '../../components/export-outcome';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { csvFilename } from '../charts/csv-export';
import { downloadCsv } from '../charts/download-csv';
import type { Noun } from '../pool-terms';
import type { StateFilter, WorkerSort } from './worker-rows';
import { workersExportRequest } from './workers-export-request';

interface WorkersExportProps {
  accountId: string | null;
  state: StateFilter;
  name: string;
  /** The sort the table applies (useWorkerRows' `sort`), not the one asked for in the address. */
  sort: WorkerSort;
  shown: number;
  noun: Noun;
}

export function WorkersExport({ accountId, state, name, sort, shown, noun }: WorkersExportProps) {
  const api = useApi();
  const [status, setStatus] = useState<ExportStatus>({ kind: 'idle' });
  const run = async () => {
    setStatus({ kind: 'busy' });
    try {
      const result = await api.history.exportCsv(workersExportRequest(accountId, state, name, sort));
      const filename = csvFilename(result.filename, 'workers', accountId, Date.now());
      downloadCsv(filename, result.csv);
      setStatus({ kind: 'saved', filename });
    } catch (error) {
      setStatus({ kind: 'failed', message: errorMessage(error) });
    }
  };
  return (
    <div className="workers-export">
      <button type="button" data-testid="workers-export" disabled={status.kind === 'busy' || shown === 0} onClick={() => void run()}>
        {status.kind === 'busy' ? 'Exporting…' : `Export these ${noun.many} (CSV)`}
      </button>
      <ExportOutcomeNote status={status} />
    </div>
  );
}

import { useState } from 'react';
import { ExportOutcomeNote, type ExportStatus } from '../../components/export-outcome';
import type { ExportRequest } from '../../../shared/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { csvFilename } from '../charts/csv-export';
import { downloadCsv } from '../charts/download-csv';
import type { Noun } from '../pool-terms';
import type { StateFilter } from './worker-rows';


/** The workers export of the Workers screen: the account and filters the table shows, named after them. */
export function workersExportRequest(accountId: string | null, state: StateFilter, name: string): ExportRequest {
  return {
    kind: 'workers',
    ...(accountId === null ? {} : { accountId }),
    ...(state === 'all' ? {} : { state }),
    ...(name.trim() === '' ? {} : { name: name.trim() }),
  };
}

export function WorkersExport({ accountId, state, name, shown, noun }: { accountId: string | null; state: StateFilter; name: string; shown: number; noun: Noun }) {
  const api = useApi();
  const [status, setStatus] = useState<ExportStatus>({ kind: 'idle' });
  const run = async () => {
    setStatus({ kind: 'busy' });
    try {
      const result = await api.history.exportCsv(workersExportRequest(accountId, state, name));
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

import { useState } from 'react';
import { ExportOutcomeNote, type ExportStatus } from '../../components/export-outcome';
import type { ExportKind } from '../../../shared/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import type { ChartScope } from '../../state/route';
import type { TimeWindow } from './chart-range';
import { csvFilename, exportRequest } from './csv-export';
import { downloadCsv } from './download-csv';

const EXPORTS: readonly { kind: ExportKind; label: string }[] = [
  { kind: 'workers', label: 'Export workers (CSV)' },
  { kind: 'hashrate', label: 'Export hashrate (CSV)' },
  { kind: 'payouts', label: 'Export payouts (CSV)' },
  { kind: 'earnings', label: 'Export earnings (CSV)' },
];

type ChartsExportStatus = ExportStatus<{ kind: 'busy'; what: ExportKind }>;

export function ExportButtons({ scope, timeWindow }: { scope: ChartScope; timeWindow: TimeWindow }) {
  const api = useApi();
  const [status, setStatus] = useState<ChartsExportStatus>({ kind: 'idle' });
  const run = async (kind: ExportKind) => {
    setStatus({ kind: 'busy', what: kind });
    try {
      const result = await api.history.exportCsv(exportRequest(kind, scope, timeWindow));
      const filename = csvFilename(result.filename, kind, scope.accountId, Date.now());
      downloadCsv(filename, result.csv);
      setStatus({ kind: 'saved', filename });
    } catch (error) {
      setStatus({ kind: 'failed', message: errorMessage(error) });
    }
  };
  return (
    <div className="export-bar">
      {EXPORTS.map(({ kind, label }) => (
        <button key={kind} type="button" data-testid={`export-${kind}`} disabled={status.kind === 'busy'} onClick={() => void run(kind)}>
          {status.kind === 'busy' && status.what === kind ? 'Exporting…' : label}
        </button>
      ))}
      <span className="hint">
        {scope.accountId === null ? 'All accounts' : 'The scope shown'}: current workers; hashrate, payouts and daily earnings of the range shown
        {scope.group !== null && ' (payouts and earnings for the whole account)'}.
      </span>
      <ExportOutcomeNote status={status} />
    </div>
  );
}

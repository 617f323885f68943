import { useState } from 'react';
import type { AlertHistoryEntry } from '../../../shared/contract';
import { formatDateTime } from '../../components/format-amount';
import { ruleLabel, scopeText } from './active-alerts';
import { AlertHistoryFilters } from './alert-history-filters';
import { DEFAULT_HISTORY_FILTERS, HISTORY_LIMIT, historyChangeText, historyChangeTo, type HistoryFilters } from './alert-history-query';
import { SeverityBadge } from './severity-badge';
import { accountOptions, useAccountLabels } from './use-account-labels';
import { useAlertHistory } from './use-alert-history';

export function AlertHistory() {
  const accounts = accountOptions(useAccountLabels());
  const [filters, setFilters] = useState<HistoryFilters>(DEFAULT_HISTORY_FILTERS);
  const history = useAlertHistory(filters);

  return (
    <section className="card alerts-section" aria-labelledby="alert-history-title">
      <h2 id="alert-history-title">History</h2>
      <AlertHistoryFilters filters={filters} accounts={accounts} onChange={(patch) => setFilters((current) => ({ ...current, ...patch }))} />
      {history.error !== null && (
        <p className="banner tone-problem" role="alert">
          Could not load the alert history: {history.error}
        </p>
      )}
      <p className="muted" data-testid="alert-history-count" data-count={history.entries.length} data-status={history.status}>
        {history.status === 'loading'
          ? 'Loading…'
          : history.entries.length >= HISTORY_LIMIT
            ? `The newest ${HISTORY_LIMIT} entries; narrow the filters to see older ones.`
            : `${history.entries.length} ${history.entries.length === 1 ? 'entry' : 'entries'}`}
      </p>
      {history.entries.length > 0 && (
        <div className="table-scroll">
          <table className="compact-table history-table">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Rule</th>
                <th scope="col">Scope</th>
                <th scope="col">Change</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {history.entries.map((entry) => (
                <HistoryRow key={entry.id} entry={entry} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function HistoryRow({ entry }: { entry: AlertHistoryEntry }) {
  return (
    <tr data-testid="alert-history-row" data-rule={entry.ruleId} data-to={historyChangeTo(entry)} data-severity={entry.severity}>
      <td className="nowrap">
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
      </td>
      <td className="nowrap">
        <SeverityBadge severity={entry.severity} /> {ruleLabel(entry.ruleId)}
      </td>
      <td>{scopeText(entry.scope)}</td>
      <td className="nowrap">{historyChangeText(entry)}</td>
      <td>{entry.message}</td>
    </tr>
  );
}

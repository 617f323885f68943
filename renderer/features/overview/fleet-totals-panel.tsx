import { ALGORITHM_LABELS, WORKER_STATES } from '../../../shared/model';
import { formatHashrate } from '../../../shared/units';
import { NOT_HASHING_MEANING, WORKER_STATE_MEANINGS } from '../../components/state-terms';
import { NOT_HASHING_TONE, WORKER_STATE_TONES } from '../../components/tones';
import { countedOnceText, type FleetTotals } from './fleet-totals';

/** Hashrate per algorithm (never one sum across algorithms), workers by state, and what the totals leave out or count once. */
export function FleetTotalsPanel({ totals, unitNote, failingText }: { totals: FleetTotals; unitNote: string | null; failingText: string | null }) {
  return (
    <div className="card totals-card">
      <div className="totals">
        {totals.byAlgorithm.length === 0 && (
          <div className="total">
            <span className="total-label">Hashrate</span>
            <span className="total-value">—</span>
          </div>
        )}
        {totals.byAlgorithm.map((total) => (
          <div className="total" key={total.algorithm} title={unitNote ?? undefined} data-testid={`total-hashrate-${total.algorithm}`}>
            <span className="total-label">
              {ALGORITHM_LABELS[total.algorithm]}
              {unitNote !== null && ' (SI units)'}
            </span>
            <span className="total-value" data-testid={`total-hashrate-${total.algorithm}-value`}>
              {formatHashrate(total.hashrateHps, 'si')}
            </span>
          </div>
        ))}
        {WORKER_STATES.map((state) => (
          <div className="total" key={state} title={WORKER_STATE_MEANINGS[state]}>
            <span className="total-label">Workers {state}</span>
            <span className={`total-value tone-text-${WORKER_STATE_TONES[state]}`} data-testid={`total-${state}`}>
              {totals.workers[state]}
            </span>
          </div>
        ))}
        {totals.workers.notHashing !== undefined && (
          <div className="total" title={NOT_HASHING_MEANING}>
            <span className="total-label">Workers not hashing</span>
            <span className={`total-value tone-text-${NOT_HASHING_TONE}`} data-testid="total-not-hashing">
              {totals.workers.notHashing}
            </span>
          </div>
        )}
        {failingText !== null && (
          <div className="total">
            <span className="total-label">Accounts</span>
            <span className="total-value tone-text-problem" data-testid="failing-count">
              {failingText}
            </span>
          </div>
        )}
      </div>
      <TotalsNotes totals={totals} />
    </div>
  );
}

function TotalsNotes({ totals }: { totals: FleetTotals }) {
  const notes: string[] = [];
  if (totals.leftOut.length > 0) notes.push(`Not in the totals (no data yet): ${totals.leftOut.join(', ')}.`);
  if (totals.lastKnown.length > 0) notes.push(`Failing, counted with their last known figures: ${totals.lastKnown.join(', ')}.`);
  for (const entry of totals.countedOnce) notes.push(countedOnceText(entry));
  if (notes.length === 0) return null;
  return (
    <ul className="totals-notes muted" data-testid="totals-notes">
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}

import { WORKER_STATES } from '../../shared/model';
import { STALE_MEANING, WORKER_STATE_MEANINGS } from './state-terms';
import { WORKER_STATE_TONES } from './tones';

/** A small key to the words the counts use: online, offline, dead, unknown and stale. */
export function StateLegend() {
  return (
    <details className="state-legend" data-testid="state-legend">
      <summary>What online, offline, dead, unknown and stale mean</summary>
      <dl>
        {WORKER_STATES.map((state) => (
          <div key={state}>
            <dt className={`tone-text-${WORKER_STATE_TONES[state]}`}>{state}</dt>
            <dd>{WORKER_STATE_MEANINGS[state]}</dd>
          </div>
        ))}
        <div>
          <dt className="tone-text-warning">stale</dt>
          <dd>{STALE_MEANING}</dd>
        </div>
      </dl>
    </details>
  );
}

import { WORKER_STATES } from '../../shared/model';
import { NOT_HASHING_MEANING, STALE_MEANING, WORKER_STATE_MEANINGS } from './state-terms';
import { NOT_HASHING_TONE, WORKER_STATE_TONES } from './tones';

/** A small key to the words the counts use: online, not hashing, offline, dead, unknown and stale. */
export function StateLegend() {
  return (
    <details className="state-legend" data-testid="state-legend">
      <summary>What online, not hashing, offline, dead, unknown and stale mean</summary>
      <dl>
        {WORKER_STATES.map((state) => (
          <div key={state}>
            <dt className={`tone-text-${WORKER_STATE_TONES[state]}`}>{state}</dt>
            <dd>{WORKER_STATE_MEANINGS[state]}</dd>
          </div>
        ))}
        <div>
          <dt className={`tone-text-${NOT_HASHING_TONE}`}>not hashing</dt>
          <dd>{NOT_HASHING_MEANING}</dd>
        </div>
        <div>
          <dt className="tone-text-warning">stale</dt>
          <dd>{STALE_MEANING}</dd>
        </div>
      </dl>
    </details>
  );
}

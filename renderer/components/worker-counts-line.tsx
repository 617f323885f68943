import { Fragment } from 'react';
import { WORKER_STATES, type WorkerCounts } from '../../shared/model';
import { NOT_HASHING_MEANING, WORKER_STATE_MEANINGS } from './state-terms';
import { NOT_HASHING_TONE, WORKER_STATE_TONES } from './tones';

/**
 * "12 online · 1 not hashing · 1 offline · 0 dead · 0 unknown", each count in its state's colour; "not hashing" (part
 * of online) where PoolWatch judged the workers, i.e. where the pool lists them.
 */
export function WorkerCountsLine({ counts }: { counts: WorkerCounts }) {
  return (
    <span className="worker-counts">
      {WORKER_STATES.map((state) => (
        <Fragment key={state}>
          <span className={`count tone-text-${WORKER_STATE_TONES[state]}`} data-state={state} title={WORKER_STATE_MEANINGS[state]}>
            {counts[state]} {state}
          </span>
          {state === 'online' && counts.notHashing !== undefined && (
            <span className={`count tone-text-${NOT_HASHING_TONE}`} data-state="not-hashing" title={NOT_HASHING_MEANING}>
              {counts.notHashing} not hashing
            </span>
          )}
        </Fragment>
      ))}
    </span>
  );
}

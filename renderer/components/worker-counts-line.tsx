import { WORKER_STATES, type WorkerCounts } from '../../shared/model';
import { WORKER_STATE_MEANINGS } from './state-terms';
import { WORKER_STATE_TONES } from './tones';

/** "12 online · 1 offline · 0 dead · 0 unknown", each count in its state's colour. */
export function WorkerCountsLine({ counts }: { counts: WorkerCounts }) {
  return (
    <span className="worker-counts">
      {WORKER_STATES.map((state) => (
        <span key={state} className={`count tone-text-${WORKER_STATE_TONES[state]}`} data-state={state} title={WORKER_STATE_MEANINGS[state]}>
          {counts[state]} {state}
        </span>
      ))}
    </span>
  );
}

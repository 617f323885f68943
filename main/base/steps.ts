import { nextTurn } from './event-bus';

// Long work is written once, as a generator that yields between its steps; these run it either way.

/** Runs the steps to their end at once and returns their result. */
export function runSteps<T>(steps: Iterator<void, T, undefined>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs one step per turn of the event loop, so the API and the UI answer in between. */
export async function runStepsInTurns<T>(steps: Iterator<void, T, undefined>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await nextTurn();
  }
}

import type { EventChannel, EventOf } from './channels';
import type { WorkersDelta } from './schemas';
import { workersDeltaWire, type WorkersDeltaWire } from './worker-columns';

// What a transport (main/ipc and main/server alike) sends for an engine event: its payload as it is, except a
// workers delta, which goes as columns (see worker-columns.ts). The UI reads either through parseEvent.

export type WireEventOf<C extends EventChannel> = C extends 'state:workers-delta' ? WorkersDeltaWire : EventOf<C>;

export function wireEventPayload<C extends EventChannel>(channel: C, payload: EventOf<C>): WireEventOf<C> {
  // tsc does not narrow a generic channel: the check on the name is what makes each cast hold.
  if (channel === 'state:workers-delta') return workersDeltaWire(payload as WorkersDelta) as WireEventOf<C>;
  return payload as WireEventOf<C>;
}

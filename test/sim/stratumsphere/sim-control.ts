// Stratumsphere's part of the /__sim control API (see ../common/control-server.ts): rental and key verbs.
import { done, flag, nullable, numeric, text } from '../common/control-input';
import type { SimControlSpec } from '../common/control-server';
import type { StratumsphereSim } from './types';
import type { StratumsphereWorld } from './world';

export function stratumsphereControl(world: StratumsphereWorld): SimControlSpec<StratumsphereSim> {
  return {
    state: (sim) => ({ url: sim.url, nowMs: world.clock.now(), clockOffsetMs: world.clock.offsetMs(), envelopes: world.envelopes, schedulers: sim.state() }),
    keys: (sim) => ({ apiKey: sim.apiKey }),
    verbs: {
      setRentalConnections: (input, sim) => done(() => sim.setRentalConnections(numeric(input, 'rentalId'), nullable(input, 'connections', numeric))),
      setRentalStable: (input, sim) => done(() => sim.setRentalStable(numeric(input, 'rentalId'), nullable(input, 'stable', flag))),
      // the new key is only handed out by GET /__sim/keys
      resetKey: (_input, sim) => done(() => sim.resetKey()),
      addRental: (input, sim) => ({ ok: true, rentalId: sim.addRental(numeric(input, 'schedulerId'), text(input, 'title')) }),
      removeRental: (input, sim) => done(() => sim.removeRental(numeric(input, 'rentalId'))),
    },
  };
}

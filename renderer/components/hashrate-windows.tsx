import type { HashrateWindows } from '../../shared/model';
import { formatHashrate, type UnitSystem } from '../../shared/units';
import { unitSystemNote } from './hashrate-units';

export function HashrateWindowsList({ hashrate, system }: { hashrate: HashrateWindows; system: UnitSystem }) {
  const format = (hps: number | null) => formatHashrate(hps, system);
  return (
    <dl className="hashrate-windows" title={unitSystemNote(system) ?? undefined}>
      <div>
        <dt>10m</dt>
        <dd>{format(hashrate.h10m)}</dd>
      </div>
      <div>
        <dt>1h</dt>
        <dd>{format(hashrate.h1h)}</dd>
      </div>
      <div>
        <dt>24h</dt>
        <dd>{format(hashrate.h24h)}</dd>
      </div>
    </dl>
  );
}

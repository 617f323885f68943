import type { HashrateWindows } from '../../shared/model';
import { formatHashrate } from '../../shared/units';

export function HashrateWindowsList({ hashrate }: { hashrate: HashrateWindows }) {
  return (
    <dl className="hashrate-windows">
      <div>
        <dt>10m</dt>
        <dd>{formatHashrate(hashrate.h10m)}</dd>
      </div>
      <div>
        <dt>1h</dt>
        <dd>{formatHashrate(hashrate.h1h)}</dd>
      </div>
      <div>
        <dt>24h</dt>
        <dd>{formatHashrate(hashrate.h24h)}</dd>
      </div>
    </dl>
  );
}

import { withEachFieldValue } from '../../support/field-variants';

// Workers in every shape a reader may meet: each field set to values WorkerSchema accepts and refuses. Shared by the
// tests that hold the UI's readers without zod (plain workers, worker columns) to what WorkerSchema would do.

export const plain = {
  name: 'rig-1',
  group: 'farm',
  state: 'online',
  hashrate: { h10m: 1.5e12, h1h: null, h24h: 0 },
  lastShareAt: '2025-01-01T00:00:00.000Z',
  rejectRate: 0.01,
};

/** Each field set to values WorkerSchema accepts and refuses, plus keys it strips or does not know. */
export function variants(): unknown[] {
  const out: unknown[] = [plain, { ...plain, lastShareAt: null, rejectRate: null }, { ...plain, attributes: { model: 'S19', fans: 4, ok: true, x: null } }];
  const bad: Record<string, unknown[]> = {
    name: [undefined, 1, null, ''],
    group: [undefined, null, 7],
    state: [undefined, 'ONLINE', 'sleeping', null, 1],
    hashrate: [undefined, null, [], { h10m: 1, h1h: 1 }, { h10m: 1, h1h: 1, h24h: 1, h7d: 1 }, { h10m: -1, h1h: 1, h24h: 1 }, { h10m: Infinity, h1h: 1, h24h: 1 }, { h10m: Number.NaN, h1h: 1, h24h: 1 }, { h10m: '1', h1h: 1, h24h: 1 }, { h10m: -0, h1h: null, h24h: null }],
    lastShareAt: [undefined, '', 'x'.repeat(64), 'x'.repeat(65), 5],
    rejectRate: [undefined, Infinity, -0.5, '0.1', Number.NaN],
    attributes: [{ bad: [1] }, { bad: {} }, null, 'text'],
  };
  out.push(...withEachFieldValue(plain, bad));
  out.push({ ...plain, extra: 'stripped by zod' }, null, 'worker', [plain], Object.assign(Object.create({ inherited: 1 }), plain));
  return out;
}

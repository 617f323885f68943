import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MIN_ZOOM_SPAN_MS,
  RANGE_IDS,
  RANGE_LABELS,
  isRangeId,
  rangeWindow,
  windowIso,
  zoomWindow,
} from '../../../renderer/features/charts/chart-range';

const NOW = Date.parse('2025-03-03T12:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('chart ranges', () => {
  it('ends every range now and spans 1 h, 24 h, 7 d, 30 d and 365 d', () => {
    assert.deepEqual(RANGE_IDS, ['1h', '24h', '7d', '30d', '1y']);
    assert.deepEqual(
      RANGE_IDS.map((range) => rangeWindow(range, NOW)),
      [HOUR, DAY, 7 * DAY, 30 * DAY, 365 * DAY].map((span) => ({ fromMs: NOW - span, toMs: NOW })),
    );
    assert.equal(RANGE_LABELS['24h'], '24 h');
  });

  it('knows its range ids', () => {
    assert.equal(isRangeId('7d'), true);
    assert.equal(isRangeId('2w'), false);
  });

  it('turns a window into the ISO strings of the contract', () => {
    assert.deepEqual(windowIso({ fromMs: NOW - HOUR, toMs: NOW }), { from: '2025-03-03T11:00:00.000Z', to: '2025-03-03T12:00:00.000Z' });
  });
});

describe('zoom', () => {
  const current = rangeWindow('24h', NOW);

  it('zooms into the dragged span, whichever way it was dragged', () => {
    const expected = { fromMs: NOW - 6 * HOUR, toMs: NOW - 2 * HOUR };
    assert.deepEqual(zoomWindow(NOW - 6 * HOUR, NOW - 2 * HOUR, current), expected);
    assert.deepEqual(zoomWindow(NOW - 2 * HOUR, NOW - 6 * HOUR, current), expected);
  });

  it('stays inside the current window', () => {
    assert.deepEqual(zoomWindow(NOW - 30 * HOUR, NOW + HOUR, current), current);
  });

  it('ignores clicks, tiny drags and drags that never got a second point', () => {
    assert.equal(zoomWindow(NOW - HOUR, NOW - HOUR, current), null);
    assert.equal(zoomWindow(NOW - HOUR, NOW - HOUR + MIN_ZOOM_SPAN_MS - 1, current), null);
    assert.notEqual(zoomWindow(NOW - HOUR, NOW - HOUR + MIN_ZOOM_SPAN_MS, current), null);
    assert.equal(zoomWindow(NOW - HOUR, null, current), null);
    assert.equal(zoomWindow(Number.NaN, NOW, current), null);
  });
});

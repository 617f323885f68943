import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { historyStartMs, recordingSinceText, shownDomain } from '../../../renderer/features/charts/history-start';
import { levelsText } from '../../../renderer/features/charts/chart-time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = Date.UTC(2026, 0, 5, 14, 0);
const DAY_WINDOW = { fromMs: NOW - 24 * HOUR, toMs: NOW };

describe('where a scope’s history begins', () => {
  it('is the first point when that lies inside the window, and nothing when data fills the window from its start', () => {
    assert.equal(historyStartMs([{ atMs: NOW - 30_000 }], DAY_WINDOW), NOW - 30_000);
    assert.equal(historyStartMs([{ atMs: NOW - 3 * HOUR }, { atMs: NOW - 2 * HOUR }], DAY_WINDOW), NOW - 3 * HOUR);
    assert.equal(historyStartMs([{ atMs: DAY_WINDOW.fromMs - 10 * MINUTE }, { atMs: NOW }], DAY_WINDOW), null);
    assert.equal(historyStartMs([{ atMs: DAY_WINDOW.fromMs + MINUTE }], DAY_WINDOW), null, 'a bucket’s worth late is not a beginning');
    assert.equal(historyStartMs([], DAY_WINDOW), null);
  });

  it('zooms the x-axis to the data, so one fresh poll is not a dot at the right edge of an empty day', () => {
    const single = shownDomain(DAY_WINDOW, NOW - 30_000);
    assert.equal(single.toMs, NOW);
    assert.ok(single.fromMs < NOW - 30_000 && single.fromMs >= NOW - 5 * MINUTE, `from ${(NOW - single.fromMs) / MINUTE} min before now`);
    const hours = shownDomain(DAY_WINDOW, NOW - 3 * HOUR);
    assert.ok(hours.fromMs < NOW - 3 * HOUR && hours.fromMs > NOW - 4 * HOUR);
    assert.deepEqual(shownDomain(DAY_WINDOW, null), DAY_WINDOW);
  });

  it('says since when, in local time, with the date when it is not today', () => {
    assert.equal(recordingSinceText(NOW - 2 * HOUR - 5 * MINUTE, NOW, { locale: 'en-GB', timeZone: 'UTC' }), 'recording since 11:55');
    assert.equal(recordingSinceText(NOW - 2 * HOUR, NOW, { locale: 'en-GB', timeZone: 'Asia/Tokyo' }), 'recording since 21:00');
    assert.equal(recordingSinceText(NOW - 2 * 24 * HOUR, NOW, { locale: 'en-GB', timeZone: 'UTC' }), 'recording since 3 Jan, 14:00');
  });
});

describe('resolution label', () => {
  it('names every resolution the points come from, not a fixed one per range', () => {
    assert.equal(levelsText({ resolution: 'raw', levels: ['raw'] }), 'poll samples');
    assert.equal(levelsText({ resolution: 'hour', levels: ['raw', 'hour'] }), 'poll samples and hourly figures');
    assert.equal(levelsText({ resolution: 'day', levels: ['raw', 'hour', 'day'] }), 'poll samples, hourly figures and daily figures');
    assert.equal(levelsText({ resolution: 'hour', levels: [] }), 'hourly figures');
  });
});

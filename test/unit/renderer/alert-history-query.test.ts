import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AlertHistoryQuerySchema } from '../../../shared/contract';
import {
  DEFAULT_HISTORY_FILTERS,
  HISTORY_LIMIT,
  historyChangeText,
  historyChangeTo,
  historyQuery,
  sortHistoryNewestFirst,
} from '../../../renderer/features/alerts/alert-history-query';
import { makeHistoryEntry } from './alert-fixtures';

const NOW_MS = Date.parse('2025-03-10T12:00:00.000Z');

describe('historyQuery', () => {
  it('asks for the default range only, with the row limit', () => {
    assert.deepEqual(historyQuery(DEFAULT_HISTORY_FILTERS, NOW_MS), { limit: HISTORY_LIMIT, from: '2025-03-03T12:00:00.000Z' });
  });

  it('passes each chosen filter and counts the range back from now', () => {
    const query = historyQuery({ accountId: 'acc-1', ruleId: 'worker-dead', severity: 'critical', text: '  rig-7 ', range: '24h' }, NOW_MS);
    assert.deepEqual(query, {
      limit: HISTORY_LIMIT,
      accountId: 'acc-1',
      ruleId: 'worker-dead',
      severity: 'critical',
      text: 'rig-7',
      from: '2025-03-09T12:00:00.000Z',
    });
    assert.equal(historyQuery({ ...DEFAULT_HISTORY_FILTERS, range: '30d' }, NOW_MS).from, '2025-02-08T12:00:00.000Z');
  });

  it('leaves out the start for "all" and blank text, and cuts text to what the engine accepts', () => {
    const query = historyQuery({ ...DEFAULT_HISTORY_FILTERS, range: 'all', text: '   ' }, NOW_MS);
    assert.deepEqual(query, { limit: HISTORY_LIMIT });
    const long = historyQuery({ ...DEFAULT_HISTORY_FILTERS, text: 'x'.repeat(150) }, NOW_MS);
    assert.equal(long.text?.length, 100);
    assert.equal(AlertHistoryQuerySchema.safeParse(long).success, true);
  });
});

describe('history rows', () => {
  it('sorts newest first, later id first within the same time', () => {
    const sorted = sortHistoryNewestFirst([
      makeHistoryEntry({ id: 1, at: '2025-01-01T10:00:00.000Z' }),
      makeHistoryEntry({ id: 3, at: '2025-01-02T10:00:00.000Z' }),
      makeHistoryEntry({ id: 2, at: '2025-01-01T10:00:00.000Z' }),
    ]);
    assert.deepEqual(
      sorted.map((entry) => entry.id),
      [3, 2, 1],
    );
  });

  it('says where a transition went, and "event" for events', () => {
    assert.equal(historyChangeTo(makeHistoryEntry({ id: 1, to: 'resolved' })), 'resolved');
    assert.equal(historyChangeTo(makeHistoryEntry({ id: 1, kind: 'event', from: null, to: null })), 'event');
    assert.equal(historyChangeText(makeHistoryEntry({ id: 1, from: 'firing', to: 'resolving' })), 'firing → resolving');
    assert.equal(historyChangeText(makeHistoryEntry({ id: 1, from: null, to: 'pending' })), '— → pending');
    assert.equal(historyChangeText(makeHistoryEntry({ id: 1, kind: 'event', from: null, to: null })), 'event');
  });
});

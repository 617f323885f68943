import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pollScheduleText, staleMarkerText } from '../../../renderer/features/overview/staleness';
import { recentPayouts, totalHashrateHps, totalWorkerCounts } from '../../../renderer/features/overview/overview-totals';
import { formatAmount } from '../../../renderer/components/format-amount';
import { connectionText } from '../../../renderer/components/connection-text';
import type { Payout } from '../../../shared/model';
import { makeSummary } from './fixtures';

const NOW = Date.parse('2025-06-01T12:00:00Z');

describe('staleMarkerText', () => {
  it('says how long ago the last good data is', () => {
    assert.equal(staleMarkerText('2025-06-01T11:48:00Z', NOW), 'stale — last data 12 min ago');
    assert.equal(staleMarkerText('2025-06-01T11:59:30Z', NOW), 'stale — last data 30 s ago');
    assert.equal(staleMarkerText('2025-06-01T09:00:00Z', NOW), 'stale — last data 3 h ago');
  });

  it('handles no data and unparseable times', () => {
    assert.equal(staleMarkerText(null, NOW), 'stale — no data yet');
    assert.equal(staleMarkerText('garbage', NOW), 'stale — last data time unknown');
  });
});

describe('pollScheduleText', () => {
  it('describes the last and next poll, or that polling is paused', () => {
    assert.equal(pollScheduleText('2025-06-01T11:59:20Z', '2025-06-01T12:00:20Z', false, NOW), 'polled 40 s ago · next poll in 20 s');
    assert.equal(pollScheduleText(null, null, true, NOW), 'not polled yet · polling paused');
    assert.equal(pollScheduleText('2025-06-01T11:59:00Z', '2025-06-01T11:59:59Z', false, NOW), 'polled 60 s ago · polling now');
  });
});

describe('overview totals', () => {
  it('sums 10-minute hashrates, falling back to hourly, skipping accounts with neither', () => {
    const accounts = [
      makeSummary({ id: 'a', hashrate: { h10m: 100, h1h: 999, h24h: null } }),
      makeSummary({ id: 'b', hashrate: { h10m: null, h1h: 50, h24h: 1 } }),
      makeSummary({ id: 'c', hashrate: { h10m: null, h1h: null, h24h: 1 } }),
    ];
    assert.equal(totalHashrateHps(accounts), 150);
    assert.equal(totalHashrateHps([accounts[2]!]), null);
    assert.equal(totalHashrateHps([]), null);
  });

  it('adds worker counts across accounts', () => {
    const counts = totalWorkerCounts([
      makeSummary({ id: 'a', workers: { online: 3, offline: 1, dead: 0, unknown: 0, total: 4 } }),
      makeSummary({ id: 'b', workers: { online: 1, offline: 0, dead: 2, unknown: 5, total: 8 } }),
    ]);
    assert.deepEqual(counts, { online: 4, offline: 1, dead: 2, unknown: 5, total: 12 });
  });

  it('lists the newest payouts first, unpaid (undated) ones on top', () => {
    const payout = (id: string, at: string | null): Payout => ({ id, coin: 'BTC', amount: 1, unit: 'coin', status: 'confirmed', txId: null, at, group: null });
    const payouts = [payout('old', '2025-01-01T00:00:00Z'), payout('new', '2025-03-01T00:00:00Z'), payout('pending', null), payout('mid', '2025-02-01T00:00:00Z')];
    assert.deepEqual(
      recentPayouts(payouts, 3).map((p) => p.id),
      ['pending', 'new', 'mid'],
    );
  });
});

describe('formatAmount', () => {
  it('shows coins with up to 8 decimals and base units as whole numbers, naming the unit', () => {
    assert.equal(formatAmount(0.00123456789, 'coin', 'BTC'), '0.00123457 BTC');
    assert.equal(formatAmount(123456, 'base-unit', 'BTC'), '123,456 BTC base units');
  });
});

describe('connectionText', () => {
  it('describes each connection state', () => {
    assert.equal(connectionText({ status: 'open', retryAtMs: null, problem: null }, NOW), 'Connected');
    assert.equal(connectionText({ status: 'connecting', retryAtMs: null, problem: null }, NOW), 'Connecting…');
    assert.equal(connectionText({ status: 'closed', retryAtMs: NOW + 3500, problem: null }, NOW), 'Disconnected — retrying in 4 s');
    assert.equal(connectionText({ status: 'closed', retryAtMs: null, problem: 'token-rejected' }, NOW), 'Token rejected');
  });
});

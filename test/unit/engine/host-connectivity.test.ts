import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AccountSummary } from '../../../shared/model';
import type { PollObservation } from '../../../main/base/poll-observation';
import { HostConnectivity, OFFLINE_RECHECK_MS } from '../../../main/engine/host-connectivity';
import { FakeClock } from '../../support/fake-clock';
import { hasDefaultRoute, hasIpv4DefaultRoute, hasIpv6DefaultRoute } from '../../../main/engine/route-table';

const HEADER = 'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n';

describe('route table reader', () => {
  it('finds an IPv4 default route that is up', () => {
    const table = `${HEADER}eth0\t00000000\t0100A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\neth0\t0000A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n`;
    assert.equal(hasIpv4DefaultRoute(table), true);
  });

  it('sees no IPv4 default route with only local routes, a down default, or an empty table', () => {
    const local = `${HEADER}eth0\t0000A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n`;
    const down = `${HEADER}eth0\t00000000\t0100A8C0\t0002\t0\t0\t100\t00000000\t0\t0\t0\n`;
    assert.equal(hasIpv4DefaultRoute(local), false);
    assert.equal(hasIpv4DefaultRoute(down), false);
    assert.equal(hasIpv4DefaultRoute(HEADER), false);
    assert.equal(hasIpv4DefaultRoute(''), false);
    assert.equal(hasIpv4DefaultRoute('garbage\nmore garbage'), false);
  });

  it('finds an IPv6 default route but not the kernel reject route on lo', () => {
    const zero = '00000000000000000000000000000000';
    const viaGateway = `${zero} 00 ${zero} 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003     eth0\n`;
    const reject = `${zero} 00 ${zero} 00 ${zero} ffffffff 00000001 00000000 00200200       lo\n`;
    const linkLocal = `fe800000000000000000000000000000 40 ${zero} 00 ${zero} 00000100 00000001 00000000 00000001     eth0\n`;
    assert.equal(hasIpv6DefaultRoute(viaGateway + linkLocal), true);
    assert.equal(hasIpv6DefaultRoute(reject + linkLocal), false);
  });

  it('answers null when neither table can be read, so the caller falls back', () => {
    assert.equal(hasDefaultRoute(() => null), null);
    assert.equal(hasDefaultRoute((name) => (name === 'route' ? HEADER : null)), false);
  });
});

function summary(id: string, pool: AccountSummary['pool']): AccountSummary {
  return { id, label: id, status: 'unreachable', pool } as AccountSummary;
}

function observation(id: string, failure: 'network' | 'other' | null, pool: AccountSummary['pool'] = 'sbi'): PollObservation {
  return { atMs: 0, account: summary(id, pool), workers: failure ? null : [], pollIntervalMs: 60_000, ...(failure ? { failure } : {}) };
}

describe('host connectivity', () => {
  function setup(osOnline: boolean | null) {
    let probes = 0;
    const ids = ['a', 'b'];
    let back = 0;
    const clock = new FakeClock();
    const host = new HostConnectivity({
      probe: () => {
        probes += 1;
        return osOnline;
      },
      accountIds: () => ids,
      clock,
      onBack: () => (back += 1),
    });
    return { host, ids, clock, probes: () => probes, backs: () => back, advance: (ms: number) => clock.advance(ms), setOs: (value: boolean | null) => (osOnline = value) };
  }

  it('every account of two pools failing at the network level is this machine offline, even with a route', () => {
    const { host, clock } = setup(true);
    host.record(observation('a', 'network', 'sbi'));
    host.record(observation('b', 'network', 'webminepool'));
    assert.equal(host.isOnline(), false);
    assert.equal(clock.pendingTimers().length, 0, 'with a route the OS cannot say when it is back: the polls will');
    host.record(observation('b', 'network', 'sbi'));
    assert.equal(host.isOnline(), true, 'one pool failing alone is that pool, not this machine');
  });

  it('is online until every account fails at the network level, and asks the OS only then', () => {
    const { host, probes } = setup(false);
    host.record(observation('a', 'network'));
    assert.equal(host.isOnline(), true);
    assert.equal(probes(), 0);
    host.record(observation('b', 'network'));
    assert.equal(host.isOnline(), false);
    assert.equal(probes(), 1);
  });

  it('stays online when the OS still has a route (the pools are down, not this machine) or cannot tell', () => {
    for (const os of [true, null]) {
      const { host } = setup(os);
      host.record(observation('a', 'network'));
      host.record(observation('b', 'network'));
      assert.equal(host.isOnline(), true);
    }
  });

  it('a pool that answers, even with an error, proves the network works', () => {
    const { host } = setup(false);
    host.record(observation('a', 'network'));
    host.record(observation('b', 'other'));
    assert.equal(host.isOnline(), true);
    host.record(observation('b', 'network'));
    assert.equal(host.isOnline(), false);
    host.record(observation('a', null));
    assert.equal(host.isOnline(), true);
  });

  it('forgets removed accounts and caches the OS answer briefly', async () => {
    const { host, ids, probes, advance, setOs } = setup(false);
    host.record(observation('a', 'network'));
    ids.splice(1, 1); // b removed before it was ever polled
    assert.equal(host.isOnline(), false);
    assert.equal(host.isOnline(), false);
    assert.equal(probes(), 1);
    setOs(true);
    await advance(10_000);
    assert.equal(host.isOnline(), true);
    assert.equal(probes(), 2);
  });

  it('while offline, asks the OS every 30 s and says once when the network is back', async () => {
    const { host, backs, advance, setOs, clock } = setup(false);
    host.record(observation('a', 'network'));
    host.record(observation('b', 'network'));
    assert.equal(host.isOnline(), false);
    await advance(OFFLINE_RECHECK_MS);
    assert.equal(backs(), 0, 'still no route');
    setOs(true);
    await advance(OFFLINE_RECHECK_MS);
    assert.equal(backs(), 1);
    await advance(5 * OFFLINE_RECHECK_MS);
    assert.equal(backs(), 1, 'once');
    assert.deepEqual(clock.pendingTimers(), []);
  });

  it('stops watching when a poll works again or on stop', async () => {
    const { host, clock } = setup(false);
    host.record(observation('a', 'network'));
    host.record(observation('b', 'network'));
    assert.equal(host.isOnline(), false);
    host.record(observation('a', null));
    assert.equal(host.isOnline(), true);
    assert.deepEqual(clock.pendingTimers(), []);
    host.record(observation('a', 'network'));
    assert.equal(host.isOnline(), false);
    host.stop();
    assert.deepEqual(clock.pendingTimers(), []);
  });
});

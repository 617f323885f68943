import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRoute, routeHref, screenKey, type Route } from '../../../renderer/state/route';

describe('routes', () => {
  it('parses screens from the fragment, overview by default', () => {
    assert.deepEqual(parseRoute(''), { screen: 'overview' });
    assert.deepEqual(parseRoute('#/nonsense'), { screen: 'overview' });
    assert.deepEqual(parseRoute('#/workers'), { screen: 'workers', accountId: null });
    assert.deepEqual(parseRoute('#/workers/sbi-main'), { screen: 'workers', accountId: 'sbi-main' });
    assert.deepEqual(parseRoute('#/accounts'), { screen: 'accounts', adding: false });
    assert.deepEqual(parseRoute('#/accounts/new'), { screen: 'accounts', adding: true });
    assert.deepEqual(parseRoute('#/settings'), { screen: 'settings' });
  });

  it('round-trips every route through its href', () => {
    const routes: Route[] = [
      { screen: 'overview' },
      { screen: 'workers', accountId: null },
      { screen: 'workers', accountId: 'a b/c' },
      { screen: 'accounts', adding: true },
      { screen: 'settings' },
      { screen: 'accounts', adding: false },
    ];
    for (const route of routes) assert.deepEqual(parseRoute(routeHref(route)), route);
  });
});

describe('alerts routes', () => {
  it('parses the alerts pages, the list by default', () => {
    assert.deepEqual(parseRoute('#/alerts'), { screen: 'alerts', view: 'list' });
    assert.deepEqual(parseRoute('#/alerts/settings'), { screen: 'alerts', view: 'settings' });
    assert.deepEqual(parseRoute('#/alerts/channels'), { screen: 'alerts', view: 'channels' });
    assert.deepEqual(parseRoute('#/alerts/nonsense'), { screen: 'alerts', view: 'list' });
  });

  it('round-trips every alerts page through its href', () => {
    for (const view of ['list', 'settings', 'channels'] as const) {
      assert.deepEqual(parseRoute(routeHref({ screen: 'alerts', view })), { screen: 'alerts', view });
    }
    assert.equal(routeHref({ screen: 'alerts', view: 'list' }), '#/alerts');
  });
});

describe('charts routes', () => {
  it('parses the scope from the query, the fleet by default', () => {
    assert.deepEqual(parseRoute('#/charts'), { screen: 'charts', scope: { accountId: null, group: null, worker: null } });
    assert.deepEqual(parseRoute('#/charts?account=acc-1&group=rack%20a&worker=rig-1'), {
      screen: 'charts',
      scope: { accountId: 'acc-1', group: 'rack a', worker: 'rig-1' },
    });
  });

  it('drops a worker without its group and a group without its account', () => {
    assert.deepEqual(parseRoute('#/charts?account=acc-1&worker=rig-1'), {
      screen: 'charts',
      scope: { accountId: 'acc-1', group: null, worker: null },
    });
    assert.deepEqual(parseRoute('#/charts?group=g&worker=w&account='), { screen: 'charts', scope: { accountId: null, group: null, worker: null } });
  });

  it('round-trips names with any characters', () => {
    const scopes = [
      { accountId: null, group: null, worker: null },
      { accountId: 'a b/c', group: null, worker: null },
      { accountId: 'acc&1', group: 'g?=#', worker: 'rig 1/2+3' },
    ];
    for (const scope of scopes) assert.deepEqual(parseRoute(routeHref({ screen: 'charts', scope })), { screen: 'charts', scope });
    assert.equal(routeHref({ screen: 'charts', scope: { accountId: null, group: null, worker: null } }), '#/charts');
    assert.equal(routeHref({ screen: 'charts', scope: { accountId: 'a', group: 'g', worker: 'w' } }), '#/charts?account=a&group=g&worker=w');
  });

  it('still reads the other screens’ routes when a query follows them', () => {
    assert.deepEqual(parseRoute('#/workers/acc-1?x=1'), { screen: 'workers', accountId: 'acc-1' });
  });
});

describe('workers and account-editing routes', () => {
  it('keeps the worker table\'s filters and sort in the query, for one account or all', () => {
    assert.deepEqual(parseRoute('#/workers/acc-1?state=offline&q=rig%201&sort=h10m&dir=desc'), {
      screen: 'workers',
      accountId: 'acc-1',
      view: { state: 'offline', name: 'rig 1', sort: 'h10m', dir: 'desc' },
    });
    assert.deepEqual(parseRoute('#/workers?q=a%26b'), { screen: 'workers', accountId: null, view: { name: 'a&b' } });
    const routes: Route[] = [
      { screen: 'workers', accountId: 'a b', view: { state: 'dead', name: 'x/y?z#', sort: 'attr:Rented', dir: 'asc' } },
      { screen: 'workers', accountId: null, view: { sort: 'attention' } },
    ];
    for (const route of routes) assert.deepEqual(parseRoute(routeHref(route)), route);
    assert.equal(routeHref({ screen: 'workers', accountId: 'a', view: {} }), '#/workers/a', 'an empty view leaves no query');
  });

  it('keeps one screen mounted while its filters or form change, so typing is not interrupted', () => {
    const key = (hash: string) => screenKey(parseRoute(hash));
    assert.equal(key('#/workers/a?q=r'), key('#/workers/a?q=ri&state=dead'));
    assert.notEqual(key('#/workers/a'), key('#/workers/b'));
    assert.equal(key('#/accounts/edit/x'), key('#/accounts'));
    assert.notEqual(key('#/charts?account=a'), key('#/charts?account=b'));
  });

  it('opens an account\'s form from its own address', () => {
    assert.deepEqual(parseRoute('#/accounts/edit/sbi-main'), { screen: 'accounts', adding: false, editId: 'sbi-main' });
    const route: Route = { screen: 'accounts', adding: false, editId: 'a/b c' };
    assert.deepEqual(parseRoute(routeHref(route)), route);
    assert.equal(parseRoute('#/accounts/edit/%').screen, 'not-found');
  });
});

describe('malformed routes', () => {
  it('never throws: a malformed %-escape gives the not-found route, with what was wrong', () => {
    for (const hash of ['#/workers/%', '#/workers/%E0%A4%A', '#/workers/a%zz', '#/workers/%%/x']) {
      const route = parseRoute(hash);
      assert.equal(route.screen, 'not-found', hash);
      assert.match(route.screen === 'not-found' ? route.problem : '', /not valid URL encoding/);
    }
  });

  it('names the bad part, cut short', () => {
    const route = parseRoute(`#/workers/%${'x'.repeat(500)}`);
    assert.ok(route.screen === 'not-found');
    assert.ok(route.problem.length < 200, route.problem);
    assert.match(route.problem, /^“%x+…”/);
  });

  it('leads back to the overview from the not-found page', () => {
    assert.equal(routeHref({ screen: 'not-found', problem: 'x' }), '#/overview');
  });
});

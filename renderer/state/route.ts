export type Screen = 'overview' | 'workers' | 'charts' | 'accounts' | 'alerts';

/** The Alerts tab's pages: the alerts themselves, rule settings, notification channels. */
export type AlertsView = 'list' | 'settings' | 'channels';

/** What the Charts screen shows: the fleet (no account), an account, one of its groups, or one worker. */
export interface ChartScope {
  accountId: string | null;
  group: string | null;
  worker: string | null;
}

export const FLEET_SCOPE: ChartScope = { accountId: null, group: null, worker: null };

export type Route =
  | { screen: 'overview' }
  | { screen: 'workers'; accountId: string | null }
  | { screen: 'charts'; scope: ChartScope }
  /** editing: the account whose form opens (from the overview's "Needs attention"). */
  | { screen: 'accounts'; adding: boolean; editing?: string }
  /** alertKey: the active alert to bring into view. */
  | { screen: 'alerts'; view: AlertsView; alertKey?: string }
  /** The address could not be read (a malformed %-escape): the app says so instead of failing to start. */
  | { screen: 'not-found'; problem: string };

/** A group needs its account and a worker its group, as the history contract requires. */
export function normalizeChartScope(scope: ChartScope): ChartScope {
  const accountId = emptyToNull(scope.accountId);
  const group = accountId === null ? null : emptyToNull(scope.group);
  const worker = group === null ? null : emptyToNull(scope.worker);
  return { accountId, group, worker };
}

function emptyToNull(value: string | null): string | null {
  return value === null || value === '' ? null : value;
}

function chartScopeFrom(query: string): ChartScope {
  const params = new URLSearchParams(query);
  return normalizeChartScope({ accountId: params.get('account'), group: params.get('group'), worker: params.get('worker') });
}

function chartScopeQuery(scope: ChartScope): string {
  const params = new URLSearchParams();
  const { accountId, group, worker } = normalizeChartScope(scope);
  if (accountId !== null) params.set('account', accountId);
  if (group !== null) params.set('group', group);
  if (worker !== null) params.set('worker', worker);
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

const MAX_QUOTED_CHARS = 40;

/** decodeURIComponent throws URIError on a malformed escape ("%", "%zz"); null then. */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function malformedSegment(segment: string): Route {
  const quoted = segment.length <= MAX_QUOTED_CHARS ? segment : `${segment.slice(0, MAX_QUOTED_CHARS)}…`;
  return {
    screen: 'not-found',
    problem: `“${quoted}” in the address is not valid URL encoding (a “%” must be followed by two hexadecimal digits), so PoolWatch cannot tell which account it names.`,
  };
}

/** Routes live in the fragment (`#/workers/acc-1`) so they work from file:// in Electron and on reload. */
export function parseRoute(hash: string): Route {
  const fragment = hash.replace(/^#\/?/, '');
  const queryStart = fragment.indexOf('?');
  const path = queryStart === -1 ? fragment : fragment.slice(0, queryStart);
  const query = queryStart === -1 ? '' : fragment.slice(queryStart + 1);
  const parts = path.split('/').filter((part) => part !== '');
  const [screen, detail] = parts;
  if (screen === 'workers') {
    if (!detail) return { screen: 'workers', accountId: null };
    const accountId = decodeSegment(detail);
    return accountId === null ? malformedSegment(detail) : { screen: 'workers', accountId };
  }
  if (screen === 'charts') return { screen: 'charts', scope: chartScopeFrom(query) };
  if (screen === 'accounts') {
    const editing = detail === 'edit' && parts[2] !== undefined ? decodeSegment(parts[2]) : null;
    if (detail === 'edit' && parts[2] !== undefined && editing === null) return malformedSegment(parts[2]);
    return editing === null ? { screen: 'accounts', adding: detail === 'new' } : { screen: 'accounts', adding: false, editing };
  }
  if (screen === 'alerts') {
    const view = detail === 'settings' || detail === 'channels' ? detail : 'list';
    const alertKey = view === 'list' ? new URLSearchParams(query).get('alert') : null;
    return alertKey === null || alertKey === '' ? { screen: 'alerts', view } : { screen: 'alerts', view, alertKey };
  }
  return { screen: 'overview' };
}

export function routeHref(route: Route): string {
  switch (route.screen) {
    case 'overview':
      return '#/overview';
    case 'workers':
      return route.accountId === null ? '#/workers' : `#/workers/${encodeURIComponent(route.accountId)}`;
    case 'charts':
      return `#/charts${chartScopeQuery(route.scope)}`;
    case 'accounts':
      if (route.adding) return '#/accounts/new';
      return route.editing === undefined ? '#/accounts' : `#/accounts/edit/${encodeURIComponent(route.editing)}`;
    case 'alerts':
      if (route.view !== 'list') return `#/alerts/${route.view}`;
      return route.alertKey === undefined ? '#/alerts' : `#/alerts?${new URLSearchParams({ alert: route.alertKey }).toString()}`;
    case 'not-found':
      // The unreadable address has no page of its own; the way out is the overview.
      return '#/overview';
  }
}

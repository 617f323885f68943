export type Screen = 'overview' | 'workers' | 'charts' | 'accounts' | 'alerts' | 'settings';

/** The Alerts tab's pages: the alerts themselves, rule settings, notification channels. */
export type AlertsView = 'list' | 'settings' | 'channels';

/** What the Charts screen shows: the fleet (no account), an account, one of its groups, or one worker. */
export interface ChartScope {
  accountId: string | null;
  group: string | null;
  worker: string | null;
}

export const FLEET_SCOPE: ChartScope = { accountId: null, group: null, worker: null };

/**
 * The worker table's filters and sort as the address holds them (`#/workers/acc?state=offline&q=rig&sort=h10m&dir=desc`),
 * so Back, reload and bookmarks restore them. Plain text here: the Workers screen reads what it knows and ignores the rest.
 */
export interface WorkersView {
  state?: string;
  name?: string;
  sort?: string;
  dir?: string;
}

export type Route =
  | { screen: 'overview' }
  | { screen: 'workers'; accountId: string | null; view?: WorkersView }
  | { screen: 'charts'; scope: ChartScope }
  /** `editId`: the account whose form is open (`#/accounts/edit/<id>`), so a card's "Edit" link opens it. */
  | { screen: 'accounts'; adding: boolean; editId?: string }
  /** alertKey: the active alert to bring into view. */
  | { screen: 'alerts'; view: AlertsView; alertKey?: string }
  | { screen: 'settings' }
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

const WORKERS_VIEW_PARAMS: ReadonlyArray<[keyof WorkersView, string]> = [
  ['state', 'state'],
  ['name', 'q'],
  ['sort', 'sort'],
  ['dir', 'dir'],
];

function workersViewFrom(query: string): WorkersView | null {
  const params = new URLSearchParams(query);
  const view: WorkersView = {};
  for (const [field, param] of WORKERS_VIEW_PARAMS) {
    const value = params.get(param);
    if (value !== null && value !== '') view[field] = value;
  }
  return Object.keys(view).length === 0 ? null : view;
}

function workersViewQuery(view: WorkersView | undefined): string {
  const params = new URLSearchParams();
  for (const [field, param] of WORKERS_VIEW_PARAMS) {
    const value = view?.[field];
    if (value !== undefined && value !== '') params.set(param, value);
  }
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
    const view = workersViewFrom(query);
    const withView = view === null ? {} : { view };
    if (!detail) return { screen: 'workers', accountId: null, ...withView };
    const accountId = decodeSegment(detail);
    return accountId === null ? malformedSegment(detail) : { screen: 'workers', accountId, ...withView };
  }
  if (screen === 'charts') return { screen: 'charts', scope: chartScopeFrom(query) };
  if (screen === 'accounts') {
    const editSegment = detail === 'edit' ? parts[2] : undefined;
    if (editSegment === undefined) return { screen: 'accounts', adding: detail === 'new' };
    const editId = decodeSegment(editSegment);
    return editId === null ? malformedSegment(editSegment) : { screen: 'accounts', adding: false, editId };
  }
  if (screen === 'alerts') {
    const view = detail === 'settings' || detail === 'channels' ? detail : 'list';
    const alertKey = view === 'list' ? new URLSearchParams(query).get('alert') : null;
    return alertKey === null || alertKey === '' ? { screen: 'alerts', view } : { screen: 'alerts', view, alertKey };
  }
  if (screen === 'settings') return { screen: 'settings' };
  return { screen: 'overview' };
}

export function routeHref(route: Route): string {
  switch (route.screen) {
    case 'overview':
      return '#/overview';
    case 'workers':
      return `${route.accountId === null ? '#/workers' : `#/workers/${encodeURIComponent(route.accountId)}`}${workersViewQuery(route.view)}`;
    case 'charts':
      return `#/charts${chartScopeQuery(route.scope)}`;
    case 'accounts':
      if (route.editId !== undefined) return `#/accounts/edit/${encodeURIComponent(route.editId)}`;
      return route.adding ? '#/accounts/new' : '#/accounts';
    case 'alerts':
      if (route.view !== 'list') return `#/alerts/${route.view}`;
      return route.alertKey === undefined ? '#/alerts' : `#/alerts?${new URLSearchParams({ alert: route.alertKey }).toString()}`;
    case 'settings':
      return '#/settings';
    case 'not-found':
      // The unreadable address has no page of its own; the way out is the overview.
      return '#/overview';
  }
}

/**
 * Which screen a route shows, for remounting: the Workers table's filters and the Accounts form (add or edit) are
 * states of one screen, so changing them keeps what is typed and focused (and the Accounts notice).
 */
export function screenKey(route: Route): string {
  if (route.screen === 'workers') return `workers:${route.accountId ?? ''}`;
  if (route.screen === 'accounts') return 'accounts';
  return JSON.stringify(route);
}

export type Screen = 'overview' | 'workers' | 'accounts' | 'alerts';

/** The Alerts tab's pages: the alerts themselves, rule settings, notification channels. */
export type AlertsView = 'list' | 'settings' | 'channels';

export type Route =
  | { screen: 'overview' }
  | { screen: 'workers'; accountId: string | null }
  | { screen: 'accounts'; adding: boolean }
  | { screen: 'alerts'; view: AlertsView };

/** Routes live in the fragment (`#/workers/acc-1`) so they work from file:// in Electron and on reload. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((part) => part !== '');
  const [screen, detail] = parts;
  if (screen === 'workers') return { screen: 'workers', accountId: detail ? decodeURIComponent(detail) : null };
  if (screen === 'accounts') return { screen: 'accounts', adding: detail === 'new' };
  if (screen === 'alerts') return { screen: 'alerts', view: detail === 'settings' || detail === 'channels' ? detail : 'list' };
  return { screen: 'overview' };
}

export function routeHref(route: Route): string {
  switch (route.screen) {
    case 'overview':
      return '#/overview';
    case 'workers':
      return route.accountId === null ? '#/workers' : `#/workers/${encodeURIComponent(route.accountId)}`;
    case 'accounts':
      return route.adding ? '#/accounts/new' : '#/accounts';
    case 'alerts':
      return route.view === 'list' ? '#/alerts' : `#/alerts/${route.view}`;
  }
}

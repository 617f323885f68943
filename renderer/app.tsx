import type { ReactNode } from 'react';
import { ConnectionIndicator } from './components/connection-indicator';
import { ErrorBoundary } from './components/error-boundary';
import { TokenRejectedScreen } from './components/message-screen';
import { ScreenErrorPanel } from './components/render-error-panels';
import { PauseToggle } from './components/pause-toggle';
import { AccountsScreen } from './features/accounts/accounts-screen';
import { AlertSettingsScreen } from './features/alerts/alert-settings-screen';
import { AlertsBadge } from './features/alerts/alerts-badge';
import { AlertsScreen } from './features/alerts/alerts-screen';
import { ChannelsScreen } from './features/alerts/channels-screen';
import { LazyChartsScreen } from './features/charts/lazy-charts-screen';
import { NotFoundScreen } from './features/not-found-screen';
import { OverviewScreen } from './features/overview/overview-screen';
import { SettingsScreen } from './features/settings/settings-screen';
import { HeaderMenu } from './components/header-menu';
import { WorkersScreen } from './features/workers/workers-screen';
import { useAccountsStore, useConnectionStore } from './state/app-stores';
import { FLEET_SCOPE, routeHref, screenKey, type AlertsView, type Route, type Screen } from './state/route';
import { useRoute } from './state/use-route';

const NAV_ITEMS: readonly { screen: Screen; title: string; route: Route }[] = [
  { screen: 'overview', title: 'Overview', route: { screen: 'overview' } },
  { screen: 'workers', title: 'Workers', route: { screen: 'workers', accountId: null } },
  { screen: 'charts', title: 'Charts', route: { screen: 'charts', scope: FLEET_SCOPE } },
  { screen: 'accounts', title: 'Accounts', route: { screen: 'accounts', adding: false } },
  { screen: 'alerts', title: 'Alerts', route: { screen: 'alerts', view: 'list' } },
  { screen: 'settings', title: 'Settings', route: { screen: 'settings' } },
];

export function App() {
  const route = useRoute();
  const tokenRejected = useConnectionStore((state) => state.connection.problem === 'token-rejected');
  if (tokenRejected) return <TokenRejectedScreen />;

  return (
    <div className="app">
      <header className="app-header">
        <span className="app-name">PoolWatch</span>
        {/* Under a phone's width the tabs and tools fold behind a menu button (styles.css, .app-menu). */}
        <HeaderMenu closeKey={JSON.stringify(route)} badge={<AlertsBadge testId="menu-alerts-badge" />}>
          <nav className="tabs" aria-label="Screens">
            {NAV_ITEMS.map((item) => (
              <a key={item.screen} href={routeHref(item.route)} className="tab" aria-current={route.screen === item.screen ? 'page' : undefined}>
                {item.title}
                {item.screen === 'alerts' && <AlertsBadge />}
              </a>
            ))}
          </nav>
          <div className="header-tools">
            <PauseToggle />
            <ConnectionIndicator />
          </div>
        </HeaderMenu>
      </header>
      <main className="app-main">
        <StateProblems />
        {/* Keyed by the screen: opening another screen (or the same one anew) starts without the old error. */}
        <ErrorBoundary
          key={screenKey(route)}
          fallback={(error, retry) => <ScreenErrorPanel title={screenTitle(route)} error={error} retry={retry} />}
        >
          <CurrentScreen route={route} />
        </ErrorBoundary>
      </main>
    </div>
  );
}

function screenTitle(route: Route): string {
  return NAV_ITEMS.find((item) => item.screen === route.screen)?.title ?? 'This page';
}

function CurrentScreen({ route }: { route: Route }): ReactNode {
  switch (route.screen) {
    case 'overview':
      return <OverviewScreen />;
    case 'workers':
      return <WorkersScreen accountId={route.accountId} view={route.view} />;
    case 'charts':
      return <LazyChartsScreen scope={route.scope} />;
    case 'accounts':
      return <AccountsScreen adding={route.adding} editId={route.editId ?? null} />;
    case 'alerts':
      return <AlertsScreenFor view={route.view} alertKey={route.alertKey ?? null} />;
    case 'settings':
      return <SettingsScreen />;
    case 'not-found':
      return <NotFoundScreen problem={route.problem} />;
  }
}

function AlertsScreenFor({ view, alertKey }: { view: AlertsView; alertKey: string | null }): ReactNode {
  switch (view) {
    case 'list':
      return <AlertsScreen focusKey={alertKey} />;
    case 'settings':
      return <AlertSettingsScreen />;
    case 'channels':
      return <ChannelsScreen />;
  }
}

/** The engine's state could not be read, or its history is not being saved: say so above whatever screen is open. */
function StateProblems() {
  const stateError = useAccountsStore((state) => state.stateError);
  const historyProblem = useAccountsStore((state) => state.historyProblem);
  return (
    <>
      {stateError !== null && (
        <p className="banner tone-problem" role="alert">
          Could not read the engine state: {stateError}
        </p>
      )}
      {historyProblem !== null && (
        <p className="banner tone-warning" role="status" data-testid="history-problem">
          History is not being saved to disk: {historyProblem}
        </p>
      )}
    </>
  );
}

// First: configures zod before shared/contract creates its schemas.
import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-context';
import { startClient } from './api/start-client';
import { App } from './app';
import { ErrorBoundary } from './components/error-boundary';
import { NoTokenScreen } from './components/message-screen';
import { AppErrorScreen } from './components/render-error-panels';
import { createBrowserNotifier } from './features/alerts/browser-notifier';
import { startAlertSync } from './state/alerts-sync';
import { appStores } from './state/app-stores';
import { startSync } from './state/sync';
import { settingsStore } from './state/settings-store';
import { startSettingsSync } from './state/settings-sync';
import { restoreTheme } from './theme/theme';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html lacks <div id="root">.');
const root = createRoot(container);
// The theme chosen last time, before anything is drawn; the engine's answer follows (startSettingsSync).
restoreTheme();

// Runs before the first render, so the token leaves the address bar before anything else happens.
void startClient().then((boot) => {
  if (boot.kind === 'no-token') {
    root.render(
      <StrictMode>
        <NoTokenScreen />
      </StrictMode>,
    );
    return;
  }
  appStores.connection.getState().setTransport(boot.transport);
  // Electron's main process shows native notifications itself; only the headless page shows browser ones.
  const notify = boot.transport === 'websocket' ? createBrowserNotifier() : undefined;
  // Before startSync, which starts the connection: the alert sync must hear the first open.
  startAlertSync(boot.api, boot.connection, appStores.alerts, notify === undefined ? {} : { notify });
  startSettingsSync(boot.api, boot.connection, settingsStore);
  startSync(boot.api, boot.connection, appStores);
  root.render(
    <StrictMode>
      <ErrorBoundary fallback={(error) => <AppErrorScreen error={error} />}>
        <ApiProvider api={boot.api}>
          <App />
        </ApiProvider>
      </ErrorBoundary>
    </StrictMode>,
  );
});

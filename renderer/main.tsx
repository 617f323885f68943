// First: configures zod before shared/contract creates its schemas.
import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-context';
import { startClient } from './api/start-client';
import { App } from './app';
import { NoTokenScreen } from './components/message-screen';
import { appStores } from './state/app-stores';
import { startSync } from './state/sync';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html lacks <div id="root">.');
const root = createRoot(container);

// Runs before the first render, so the token leaves the address bar before anything else happens.
const boot = startClient();
if (boot.kind === 'no-token') {
  root.render(
    <StrictMode>
      <NoTokenScreen />
    </StrictMode>,
  );
} else {
  appStores.connection.getState().setTransport(boot.transport);
  startSync(boot.api, boot.connection, appStores);
  root.render(
    <StrictMode>
      <ApiProvider api={boot.api}>
        <App />
      </ApiProvider>
    </StrictMode>,
  );
}

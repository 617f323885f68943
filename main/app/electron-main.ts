import { BrowserWindow, Tray, app, ipcMain, nativeImage, nativeTheme, net, protocol, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AppSettings } from '../../shared/contract';
import { createPoolWatch } from '../core/create-pool-watch';
import { createStderrLogger } from '../base/logger';
import { createKeytarStore } from '../secrets/keytar-store';
import { fileConfigRepository } from '../store/config-repository';
import { registerRequestHandlers } from '../ipc/request-handlers';
import { createTrustedSenderCheck } from '../ipc/trusted-sender';
import { APP_PAGE_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, serveAppRequest } from './app-protocol';
import { resolveAppPaths } from './app-paths';
import { createElectronNotifierPort, createElectronTrayPort } from './electron-ports';
import { MainWindow } from './main-window';
import { installNavigationGuard } from './navigation-guard';
import { installPermissionPolicy } from './permission-policy';
import { desktopNotificationSink } from './desktop-notifications';
import { TrayController } from './tray-controller';
import { mainWindowOptions } from './window-options';
import { HIDDEN_FLAG, applyDesktopSettings, quitsOnLastWindowClosed, type LoginItemPort } from './desktop-settings';

/** Windows groups notifications under this id; keep it equal to electron-builder's appId. */
export const APP_USER_MODEL_ID = 'dev.poolwatch.app';
/** First polls are spread over this long so a login-time start does not hit every pool at once. */
const START_SPREAD_MS = 5_000;

const logger = createStderrLogger('poolwatch-desktop');
const paths = resolveAppPaths(__dirname, { isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, electronVersion: process.versions.electron });

// Before the lock: a test profile is its own instance.
const userDataOverride = process.env['POOLWATCH_USER_DATA'];
if (userDataOverride) app.setPath('userData', userDataOverride);
// Privileges can only be given before 'ready'; the handler is attached once ready (runDesktop).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  runDesktop();
}

function runDesktop(): void {
  const notifier = createElectronNotifierPort();
  const { poolWatch: engine, historyProblem } = createPoolWatch({
    config: fileConfigRepository(join(app.getPath('userData'), 'config.json')),
    dataDir: app.getPath('userData'),
    ...(paths.sqliteBinding !== null && existsSync(paths.sqliteBinding) ? { sqliteBinding: paths.sqliteBinding } : {}),
    secrets: createKeytarStore(),
    secretStoreInfo: { kind: 'keychain', file: null },
    logger,
    desktop: true,
    startSpreadMs: START_SPREAD_MS,
    // With no network at all, pool failures say nothing about the pools: the alert engine waits instead.
    hostOnline: () => net.isOnline(),
    sinks: [
      desktopNotificationSink(notifier, {
        snoozeHour: (keys) => keys.forEach((key) => engine.alerts.snooze({ key }, 60)),
        openAlerts: () => openWindow('#/alerts'),
      }),
    ],
  });
  registerRequestHandlers(ipcMain, engine, createTrustedSenderCheck(APP_PAGE_URL), logger);

  const mainWindow = new MainWindow({
    createWindow: () =>
      new BrowserWindow(
        mainWindowOptions({
          preloadPath: paths.preloadFile,
          ...(existsSync(paths.appIconFile) ? { iconPath: paths.appIconFile } : {}),
        }),
      ),
    engine,
    logger,
  });
  const openWindow = (route?: string): void => {
    if (app.isReady()) mainWindow.open(route);
  };
  let tray: Tray | null = null; // Held here: a collected Tray disappears from the screen.
  let trayController: TrayController | null = null;

  app.on('web-contents-created', (_event, contents) => {
    installNavigationGuard(contents, { appPageUrl: APP_PAGE_URL, openExternal: (url) => shell.openExternal(url), logger });
  });
  // Sessions made later (none today) get the same policy as the default one, set up once ready.
  app.on('session-created', (created) => installPermissionPolicy(created, logger));
  app.on('second-instance', () => openWindow());
  app.on('activate', () => openWindow());
  // Listening is enough to keep the app alive in the tray when the last window closes ("Close to tray", the default).
  app.on('window-all-closed', () => {
    if (quitsOnLastWindowClosed(engine.appSettings.current())) app.quit();
  });
  const loginItems: LoginItemPort = {
    platform: process.platform,
    setLoginItemSettings: (settings) => app.setLoginItemSettings(settings),
    // From a checkout Electron needs the main script; a package is its own executable.
    command: app.isPackaged ? [process.execPath] : [process.execPath, app.getAppPath()],
    autostartDir: join(process.env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), 'autostart'),
  };
  const applySettings = async (settings: AppSettings): Promise<void> => {
    // The window's own parts (title bar, scrollbars) follow the page's theme.
    nativeTheme.themeSource = settings.theme;
    await applyDesktopSettings(settings, loginItems, logger);
  };
  engine.appSettings.onChanged((settings) => void applySettings(settings));
  app.on('before-quit', () => {
    trayController?.stop();
    engine.stop();
  });

  void app.whenReady().then(async () => {
    if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
    installPermissionPolicy(session.defaultSession, logger);
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, paths.rendererDir));

    tray = new Tray(nativeImage.createFromPath(join(paths.iconsDir, 'tray-unknown.png')));
    tray.on('click', () => openWindow());
    trayController = new TrayController({
      port: createElectronTrayPort(tray, paths.iconsDir),
      engine,
      worstAlert: () => engine.alerts.worstFiring(),
      onOpen: () => openWindow(),
      onQuit: () => app.quit(),
    });
    trayController.start();
    if (historyProblem) notifier.show({ title: 'PoolWatch history unavailable', body: historyProblem, urgent: false, buttons: [], onClick: () => openWindow() });

    try {
      // Loads the config before the window asks for state, so the first screen already lists the accounts.
      await engine.start();
      await applySettings(engine.appSettings.current());
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      logger.error(`engine: could not start: ${reason}`);
      notifier.show({ title: 'PoolWatch could not start polling', body: reason, urgent: true, buttons: [], onClick: () => openWindow() });
    }
    if (!process.argv.includes(HIDDEN_FLAG)) openWindow();
  });
}

import type { MonitorService } from '../base/ui-events';
import { forwardUiEvents } from '../ipc/event-forwarding';
import type { WebContentsLike } from '../ipc/ipc-ports';
import { silentLogger, type Logger } from '../base/logger';
import { appPageUrl } from './app-protocol';

/** The BrowserWindow calls the manager uses; tests pass a fake. */
export interface BrowserWindowLike {
  readonly webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  show(): void;
  focus(): void;
  isMinimized(): boolean;
  restore(): void;
  isDestroyed(): boolean;
}

export interface MainWindowOptions {
  createWindow: () => BrowserWindowLike;
  engine: Pick<MonitorService, 'subscribe'>;
  logger?: Logger;
}

/**
 * At most one window, created on demand and destroyed on close (the app lives on in the tray);
 * it receives engine events while it exists.
 */
export class MainWindow {
  private window: BrowserWindowLike | null = null;

  constructor(private readonly options: MainWindowOptions) {}

  isOpen(): boolean {
    return this.window !== null;
  }

  /** Shows the window, creating it if needed, and brings it to the front; `route` is a renderer route like "#/alerts". */
  open(route?: string): void {
    const existing = this.window;
    if (existing && !existing.isDestroyed()) {
      if (existing.isMinimized()) existing.restore();
      if (route) this.load(existing, route);
      existing.show();
      existing.focus();
      return;
    }
    const window = this.options.createWindow();
    this.window = window;
    const stopForwarding = forwardUiEvents(this.options.engine, window.webContents);
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      stopForwarding();
      if (this.window === window) this.window = null;
    });
    this.load(window, route);
  }

  private load(window: BrowserWindowLike, route: string | undefined): void {
    window.loadURL(appPageUrl(route)).catch((error: unknown) => {
      (this.options.logger ?? silentLogger).error(
        `window: could not load the renderer: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  }
}

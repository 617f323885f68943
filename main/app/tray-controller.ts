import type { UiEvent, MonitorService } from '../base/ui-events';
import type { Severity } from '../../shared/model';
import { computeTrayState, type TrayIconName } from './tray-state';

export type TrayMenuItem = { type: 'normal'; label: string; click: () => void } | { type: 'separator' };

/** What the controller does to the tray; Electron's Tray and Menu in the app, a fake in tests. */
export interface TrayPort {
  setImage(name: TrayIconName): void;
  setToolTip(text: string): void;
  setContextMenu(items: TrayMenuItem[]): void;
}

/** Timers and time, injected so coalescing is testable without sleeping. */
export interface TrayScheduler {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface TrayControllerOptions {
  port: TrayPort;
  engine: Pick<MonitorService, 'subscribe' | 'summaries' | 'isPaused' | 'setPaused'>;
  /** The most severe alert firing now (null: none), which can raise the tray's level. */
  worstAlert?: () => Severity | null;
  onOpen: () => void;
  onQuit: () => void;
  scheduler?: TrayScheduler;
  /** At most one tray update per this many ms: a 30-account poll burst is one redraw. */
  coalesceMs?: number;
}

export const TRAY_COALESCE_MS = 500;

const systemScheduler: TrayScheduler = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const TRAY_EVENTS: ReadonlySet<UiEvent['channel']> = new Set(['state:account', 'state:account-removed', 'state:paused', 'alerts:changed']);

/** Keeps the tray's icon, tooltip and menu in step with the engine. */
export class TrayController {
  private readonly scheduler: TrayScheduler;
  private readonly coalesceMs: number;
  private unsubscribe: (() => void) | null = null;
  private timer: unknown = null;
  private lastRenderAt = Number.NEGATIVE_INFINITY;
  private shown: { iconName: TrayIconName; tooltip: string; paused: boolean } | null = null;

  constructor(private readonly options: TrayControllerOptions) {
    this.scheduler = options.scheduler ?? systemScheduler;
    this.coalesceMs = options.coalesceMs ?? TRAY_COALESCE_MS;
  }

  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.options.engine.subscribe((event) => {
      if (TRAY_EVENTS.has(event.channel)) this.requestRender();
    });
    this.render();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer !== null) this.scheduler.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Renders now if the last render is old enough, else once at the end of the window. */
  private requestRender(): void {
    if (this.timer !== null) return;
    const wait = this.lastRenderAt + this.coalesceMs - this.scheduler.now();
    if (wait <= 0) {
      this.render();
      return;
    }
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = null;
      if (this.unsubscribe) this.render();
    }, wait);
  }

  private render(): void {
    this.lastRenderAt = this.scheduler.now();
    const { engine, port } = this.options;
    const paused = engine.isPaused();
    const state = computeTrayState(engine.summaries(), paused, this.options.worstAlert?.() ?? null);
    const previous = this.shown;
    // Only what changed is pushed: rebuilding an unchanged menu makes some Linux trays flicker.
    if (previous?.iconName !== state.iconName) port.setImage(state.iconName);
    if (previous?.tooltip !== state.tooltip) port.setToolTip(state.tooltip);
    if (previous?.paused !== paused) port.setContextMenu(this.menu(paused));
    this.shown = { iconName: state.iconName, tooltip: state.tooltip, paused };
  }

  private menu(paused: boolean): TrayMenuItem[] {
    const { engine, onOpen, onQuit } = this.options;
    return [
      { type: 'normal', label: 'Open PoolWatch', click: onOpen },
      { type: 'normal', label: paused ? 'Resume polling' : 'Pause polling', click: () => engine.setPaused(!paused) },
      { type: 'separator' },
      { type: 'normal', label: 'Quit', click: onQuit },
    ];
  }
}

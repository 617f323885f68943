import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { MainWindow, type BrowserWindowLike } from '../../../main/app/main-window';
import { FakeEngine } from './fakes';

class FakeWindow implements BrowserWindowLike {
  readonly calls: string[] = [];
  readonly sent: string[] = [];
  destroyed = false;
  minimized = false;
  constructor(private readonly load: () => Promise<void>) {}
  private readonly handlers = new Map<string, () => void>();
  readonly webContents = {
    send: (channel: string) => {
      this.sent.push(channel);
    },
    isDestroyed: () => this.destroyed,
    once: (event: 'destroyed', listener: () => void) => {
      this.handlers.set(`contents:${event}`, listener);
    },
  };
  loadURL(url: string): Promise<void> {
    this.calls.push(`load ${url}`);
    return this.load();
  }
  once(event: string, listener: () => void): void {
    this.handlers.set(event, listener);
  }
  on(event: string, listener: () => void): void {
    this.handlers.set(event, listener);
  }
  show(): void {
    this.calls.push('show');
  }
  focus(): void {
    this.calls.push('focus');
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.calls.push('restore');
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  fire(event: string): void {
    this.handlers.get(event)?.();
  }
  close(): void {
    this.destroyed = true;
    this.fire('contents:destroyed');
    this.fire('closed');
  }
}

function setup(load: () => Promise<void> = () => Promise.resolve()) {
  const engine = new FakeEngine();
  const windows: FakeWindow[] = [];
  const errors: string[] = [];
  const mainWindow = new MainWindow({
    createWindow: () => {
      const window = new FakeWindow(load);
      windows.push(window);
      return window;
    },
    engine,
    logger: { info: () => {}, warn: () => {}, error: (m) => errors.push(m) },
  });
  return { engine, windows, errors, mainWindow };
}

describe('MainWindow', () => {
  it('creates the window on demand, loads the renderer and shows it when ready', () => {
    const { windows, mainWindow } = setup();
    assert.equal(mainWindow.isOpen(), false);
    mainWindow.open();
    assert.equal(windows.length, 1);
    assert.deepEqual(windows[0]?.calls, ['load app://poolwatch/index.html']);
    windows[0]?.fire('ready-to-show');
    assert.deepEqual(windows[0]?.calls.at(-1), 'show');
  });

  it('opens on a route, and moves an open window to the route asked for', () => {
    const { windows, mainWindow } = setup();
    mainWindow.open('#/alerts');
    assert.deepEqual(windows[0]?.calls, ['load app://poolwatch/index.html#/alerts']);
    mainWindow.open('#/charts');
    assert.equal(windows.length, 1);
    assert.deepEqual(windows[0]?.calls.slice(1), ['load app://poolwatch/index.html#/charts', 'show', 'focus']);
  });

  it('brings the existing window forward instead of making a second one', () => {
    const { windows, mainWindow } = setup();
    mainWindow.open();
    const window = windows[0];
    assert.ok(window);
    window.minimized = true;
    mainWindow.open();
    assert.equal(windows.length, 1);
    assert.deepEqual(window.calls.slice(-3), ['restore', 'show', 'focus']);
  });

  it('forwards engine events while open and stops when closed; a new open makes a new window', () => {
    const { engine, windows, mainWindow } = setup();
    mainWindow.open();
    engine.emit({ channel: 'state:paused', payload: { paused: true } });
    assert.deepEqual(windows[0]?.sent, ['state:paused']);
    windows[0]?.close();
    assert.equal(mainWindow.isOpen(), false);
    assert.equal(engine.listenerCount(), 0);
    mainWindow.open();
    assert.equal(windows.length, 2);
    engine.emit({ channel: 'state:paused', payload: { paused: false } });
    assert.deepEqual(windows[0]?.sent, ['state:paused']);
    assert.deepEqual(windows[1]?.sent, ['state:paused']);
  });

  it('logs a renderer that fails to load', async () => {
    const { windows, errors, mainWindow } = setup(() => Promise.reject(new Error('ERR_FILE_NOT_FOUND')));
    mainWindow.open();
    assert.equal(windows.length, 1);
    await new Promise((resolve) => setImmediate(resolve));
    assert.match(errors.join('\n'), /could not load the renderer: ERR_FILE_NOT_FOUND/);
  });
});

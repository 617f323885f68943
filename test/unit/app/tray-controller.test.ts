import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { TrayController, type TrayMenuItem, type TrayPort, type TrayScheduler } from '../../../main/app/tray-controller';
import type { TrayIconName } from '../../../main/app/tray-state';
import { FakeEngine, makeSummary } from './fakes';

class FakePort implements TrayPort {
  readonly images: TrayIconName[] = [];
  readonly tooltips: string[] = [];
  readonly menus: TrayMenuItem[][] = [];
  setImage(name: TrayIconName): void {
    this.images.push(name);
  }
  setToolTip(text: string): void {
    this.tooltips.push(text);
  }
  setContextMenu(items: TrayMenuItem[]): void {
    this.menus.push(items);
  }
  lastMenu(): TrayMenuItem[] {
    const menu = this.menus.at(-1);
    assert.ok(menu, 'no menu set');
    return menu;
  }
  click(label: string): void {
    const item = this.lastMenu().find((candidate) => candidate.type === 'normal' && candidate.label === label);
    assert.ok(item && item.type === 'normal', `no menu item "${label}"`);
    item.click();
  }
}

class FakeScheduler implements TrayScheduler {
  time = 1_000_000;
  private timers: Array<{ at: number; callback: () => void; id: number }> = [];
  private nextId = 1;
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }
  pending(): number {
    return this.timers.length;
  }
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((timer) => timer.at <= this.time);
    this.timers = this.timers.filter((timer) => timer.at > this.time);
    for (const timer of due) timer.callback();
  }
}

function setup() {
  const engine = new FakeEngine();
  const port = new FakePort();
  const scheduler = new FakeScheduler();
  const actions: string[] = [];
  const controller = new TrayController({
    port,
    engine,
    scheduler,
    onOpen: () => actions.push('open'),
    onQuit: () => actions.push('quit'),
  });
  return { engine, port, scheduler, actions, controller };
}

function labels(menu: TrayMenuItem[]): string[] {
  return menu.map((item) => (item.type === 'separator' ? '---' : item.label));
}

describe('TrayController', () => {
  it('draws the current state on start', () => {
    const { port, controller } = setup();
    controller.start();
    assert.deepEqual(port.images, ['tray-unknown']);
    assert.deepEqual(port.tooltips, ['PoolWatch — no accounts yet']);
    assert.deepEqual(labels(port.lastMenu()), ['Open PoolWatch', 'Pause polling', '---', 'Quit']);
  });

  it('follows account events', () => {
    const { engine, port, scheduler, controller } = setup();
    controller.start();
    scheduler.advance(1_000);
    engine.accounts = [makeSummary({ status: 'unreachable' })];
    engine.emit({ channel: 'state:account', payload: makeSummary({ status: 'unreachable' }) });
    assert.equal(port.images.at(-1), 'tray-problem');
    scheduler.advance(1_000);
    engine.accounts = [];
    engine.emit({ channel: 'state:account-removed', payload: { id: 'acc-1' } });
    assert.equal(port.images.at(-1), 'tray-unknown');
  });

  it('ignores worker deltas (the summary that follows carries the counts)', () => {
    const { engine, port, scheduler, controller } = setup();
    controller.start();
    scheduler.advance(1_000);
    engine.emit({ channel: 'state:workers-delta', payload: { accountId: 'acc-1', upserted: [], removed: [], total: 0 } });
    assert.equal(scheduler.pending(), 0);
    assert.equal(port.tooltips.length, 1);
  });

  it('coalesces a burst of events into at most one update per 500 ms', () => {
    const { engine, port, scheduler, controller } = setup();
    controller.start();
    for (let index = 0; index < 30; index += 1) {
      engine.accounts = Array.from({ length: index + 1 }, (_, n) => makeSummary({ id: `acc-${n}` }));
      engine.emit({ channel: 'state:account', payload: makeSummary({ id: `acc-${index}` }) });
      scheduler.advance(10);
    }
    assert.equal(port.tooltips.length, 1, 'nothing redrawn inside the window after start');
    scheduler.advance(500);
    assert.equal(port.tooltips.length, 2);
    assert.equal(port.images.at(-1), 'tray-ok');
    scheduler.advance(5_000);
    assert.equal(port.tooltips.length, 2, 'no extra redraws once quiet');
  });

  it('pushes only what changed', () => {
    const { engine, port, scheduler, controller } = setup();
    engine.accounts = [makeSummary()];
    controller.start();
    scheduler.advance(1_000);
    engine.emit({ channel: 'state:account', payload: makeSummary() });
    assert.equal(port.images.length, 1);
    assert.equal(port.tooltips.length, 1);
    assert.equal(port.menus.length, 1);
  });

  it('pauses and resumes from the menu, relabelling the item', () => {
    const { engine, port, scheduler, controller } = setup();
    controller.start();
    scheduler.advance(1_000);
    port.click('Pause polling');
    assert.deepEqual(engine.pausedCalls, [true]);
    assert.deepEqual(labels(port.lastMenu()), ['Open PoolWatch', 'Resume polling', '---', 'Quit']);
    assert.match(port.tooltips.at(-1) ?? '', / · paused$/);
    scheduler.advance(1_000);
    port.click('Resume polling');
    assert.deepEqual(engine.pausedCalls, [true, false]);
    assert.equal(labels(port.lastMenu())[1], 'Pause polling');
  });

  it('opens the window and quits from the menu', () => {
    const { port, actions, controller } = setup();
    controller.start();
    port.click('Open PoolWatch');
    port.click('Quit');
    assert.deepEqual(actions, ['open', 'quit']);
  });

  it('stops listening and drops a pending redraw on stop', () => {
    const { engine, port, scheduler, controller } = setup();
    controller.start();
    engine.emit({ channel: 'state:paused', payload: { paused: true } });
    assert.equal(scheduler.pending(), 1);
    controller.stop();
    assert.equal(scheduler.pending(), 0);
    assert.equal(engine.listenerCount(), 0);
    scheduler.advance(1_000);
    assert.equal(port.tooltips.length, 1);
  });
});

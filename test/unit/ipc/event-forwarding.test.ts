import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { forwardUiEvents } from '../../../main/ipc/event-forwarding';
import { parseEvent } from '../../../shared/contract';
import type { WebContentsLike } from '../../../main/ipc/ipc-ports';
import { FakeEngine } from '../app/fakes';

class FakeContents implements WebContentsLike {
  readonly sent: Array<[string, unknown]> = [];
  destroyed = false;
  private onDestroyed: (() => void) | null = null;
  send(channel: string, payload: unknown): void {
    assert.equal(this.destroyed, false, 'sent to destroyed contents');
    this.sent.push([channel, payload]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  once(_event: 'destroyed', listener: () => void): void {
    this.onDestroyed = listener;
  }
  destroy(): void {
    this.destroyed = true;
    this.onDestroyed?.();
  }
}

describe('forwardUiEvents', () => {
  it('sends each event on its own channel with its payload', () => {
    const engine = new FakeEngine();
    const contents = new FakeContents();
    forwardUiEvents(engine, contents);
    engine.emit({ channel: 'state:paused', payload: { paused: true } });
    engine.emit({ channel: 'state:account-removed', payload: { id: 'acc-1' } });
    assert.deepEqual(contents.sent, [
      ['state:paused', { paused: true }],
      ['state:account-removed', { id: 'acc-1' }],
    ]);
  });

  it('sends a workers delta as columns, as the WebSocket does, and the UI reads back the same delta', () => {
    const engine = new FakeEngine();
    const contents = new FakeContents();
    forwardUiEvents(engine, contents);
    const worker = { name: 'rig-1', group: 'farm', state: 'online' as const, hashrate: { h10m: 1.5e12, h1h: null, h24h: 0 }, lastShareAt: null, rejectRate: 0.01 };
    const delta = { accountId: 'acc-1', upserted: [worker], removed: [], total: 1 };
    engine.emit({ channel: 'state:workers-delta', payload: delta });
    const [[channel, payload]] = contents.sent as [[string, unknown]];
    assert.equal(channel, 'state:workers-delta');
    assert.ok(payload !== null && typeof payload === 'object' && 'columns' in payload && !('upserted' in payload));
    assert.deepEqual(parseEvent('state:workers-delta', payload), delta);
  });

  it('stops when the contents are destroyed', () => {
    const engine = new FakeEngine();
    const contents = new FakeContents();
    forwardUiEvents(engine, contents);
    contents.destroy();
    assert.equal(engine.listenerCount(), 0);
    engine.emit({ channel: 'state:paused', payload: { paused: true } });
    assert.equal(contents.sent.length, 0);
  });

  it('never sends to contents that died without telling', () => {
    const engine = new FakeEngine();
    const contents = new FakeContents();
    forwardUiEvents(engine, contents);
    contents.destroyed = true;
    engine.emit({ channel: 'state:paused', payload: { paused: true } });
    assert.equal(contents.sent.length, 0);
    assert.equal(engine.listenerCount(), 0);
  });

  it('returns the function that unsubscribes', () => {
    const engine = new FakeEngine();
    const contents = new FakeContents();
    const stop = forwardUiEvents(engine, contents);
    stop();
    stop();
    engine.emit({ channel: 'state:paused', payload: { paused: false } });
    assert.equal(contents.sent.length, 0);
  });
});

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ContractError, REQUEST_CHANNELS, type ResultEnvelope } from '../../../shared/contract';
import { registerRequestHandlers } from '../../../main/ipc/request-handlers';
import type { FrameLike, IpcMainLike, SenderLike } from '../../../main/ipc/ipc-ports';
import { createTrustedSenderCheck } from '../../../main/ipc/trusted-sender';
import type { Logger } from '../../../main/base/logger';
import { FakeEngine } from '../app/fakes';

const APP_URL = 'app://poolwatch/index.html';

type Handler = (event: SenderLike, payload: unknown) => Promise<ResultEnvelope>;

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, listener: Handler): void {
    assert.ok(!this.handlers.has(channel), `handler for ${channel} registered twice`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, event: SenderLike, payload: unknown): Promise<ResultEnvelope> {
    const handler = this.handlers.get(channel);
    assert.ok(handler, `no handler for ${channel}`);
    return handler(event, payload);
  }
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}

function mainFrameEvent(url: string): SenderLike {
  const mainFrame: FrameLike = { url };
  return { senderFrame: mainFrame, sender: { mainFrame } };
}

function setup() {
  const ipc = new FakeIpcMain();
  const engine = new FakeEngine();
  const logger = recordingLogger();
  const dispose = registerRequestHandlers(ipc, engine, createTrustedSenderCheck(APP_URL), logger);
  return { ipc, engine, logger, dispose };
}

describe('registerRequestHandlers', () => {
  it('registers one handler per request channel and removes them all', () => {
    const { ipc, dispose } = setup();
    assert.deepEqual([...ipc.handlers.keys()].sort(), [...REQUEST_CHANNELS].sort());
    dispose();
    assert.equal(ipc.handlers.size, 0);
  });

  it('passes a trusted, valid request to the engine and wraps the value', async () => {
    const { ipc, engine } = setup();
    engine.respond = () => ({ paused: true });
    const result = await ipc.invoke('engine:set-paused', mainFrameEvent(`${APP_URL}#/workers/acc-1`), { paused: true });
    assert.deepEqual(result, { ok: true, value: { paused: true } });
    assert.deepEqual(engine.calls, [{ channel: 'engine:set-paused', request: { paused: true } }]);
  });

  it('refuses a page at another URL without reaching the engine, and logs it', async () => {
    const { ipc, engine, logger } = setup();
    const result = await ipc.invoke('state:get', mainFrameEvent('https://evil.example/index.html?x=1'), {});
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.code, 'invalid_request');
    assert.equal(engine.calls.length, 0);
    assert.equal(logger.lines.length, 1);
    assert.match(logger.lines[0] ?? '', /^warn ipc state:get: refused a request from https:\/\/evil\.example$/);
  });

  it('refuses another local file', async () => {
    const { ipc, engine } = setup();
    const result = await ipc.invoke('state:get', mainFrameEvent('file:///tmp/downloaded.html'), {});
    assert.equal(result.ok, false);
    assert.equal(engine.calls.length, 0);
  });

  it('refuses a sub-frame even when it shows the app page', async () => {
    const { ipc, engine, logger } = setup();
    const event: SenderLike = { senderFrame: { url: APP_URL }, sender: { mainFrame: { url: APP_URL } } };
    const result = await ipc.invoke('state:get', event, {});
    assert.equal(result.ok, false);
    assert.equal(engine.calls.length, 0);
    assert.match(logger.lines[0] ?? '', /sub-frame/);
  });

  it('refuses a message whose frame is gone', async () => {
    const { ipc, engine } = setup();
    const result = await ipc.invoke('state:get', { senderFrame: null, sender: { mainFrame: { url: APP_URL } } }, {});
    assert.equal(result.ok, false);
    assert.equal(engine.calls.length, 0);
  });

  it('rejects a payload that fails the schema without reaching the engine', async () => {
    const { ipc, engine } = setup();
    for (const payload of [{ paused: 'yes' }, undefined, null, { paused: true, extra: 1 }]) {
      const result = await ipc.invoke('engine:set-paused', mainFrameEvent(APP_URL), payload);
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.error.code, 'invalid_request');
    }
    assert.equal(engine.calls.length, 0);
  });

  it("turns the engine's ContractError into an error envelope with its code and sentence", async () => {
    const { ipc, engine } = setup();
    engine.respond = () => {
      throw new ContractError('not_found', 'There is no account "nope".');
    };
    const result = await ipc.invoke('workers:get', mainFrameEvent(APP_URL), { accountId: 'nope' });
    assert.deepEqual(result, { ok: false, error: { code: 'not_found', message: 'There is no account "nope".' } });
  });

  it('does not leak the message of an unexpected error, but logs it', async () => {
    const { ipc, engine, logger } = setup();
    engine.respond = () => {
      throw new Error('EACCES: /home/alice/.config/secret-path');
    };
    const result = await ipc.invoke('accounts:list', mainFrameEvent(APP_URL), {});
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.code, 'internal');
    assert.doesNotMatch(JSON.stringify(result), /secret-path|EACCES/);
    assert.match(logger.lines.join('\n'), /error ipc accounts:list: .*EACCES/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ContractError, REQUEST_CHANNELS, dispatchRequest, type RequestHandlers } from '../../../shared/contract';

// The one function both transports (Electron IPC, the headless WebSocket) answer a request with.

function recorder(answer: (channel: string, request: unknown) => unknown): { handle: RequestHandlers; calls: unknown[][]; faults: string[] } {
  const calls: unknown[][] = [];
  const faults: string[] = [];
  // Every channel's handler records its call; the answers are the test's choice, hence unchecked.
  const handle = Object.fromEntries(
    REQUEST_CHANNELS.map((channel) => [
      channel,
      async (request: unknown) => {
        calls.push([channel, request]);
        return answer(channel, request);
      },
    ]),
  ) as unknown as RequestHandlers;
  return { handle, calls, faults };
}

describe('dispatchRequest', () => {
  it('passes the parsed request to the handler and wraps its value', async () => {
    const r = recorder(() => ({ paused: true }));
    const result = await dispatchRequest(r.handle, 'engine:set-paused', { paused: true }, (message) => r.faults.push(message));
    assert.deepEqual(result, { ok: true, value: { paused: true } });
    assert.deepEqual(r.calls, [['engine:set-paused', { paused: true }]]);
    assert.deepEqual(r.faults, []);
  });

  it('answers an unknown channel or an invalid payload with invalid_request, without calling the handler', async () => {
    const r = recorder(() => ({}));
    const unknown = await dispatchRequest(r.handle, 'nope:nope', {}, (message) => r.faults.push(message));
    assert.deepEqual(unknown, { ok: false, error: { code: 'invalid_request', message: 'Unknown channel "nope:nope".' } });
    const invalid = await dispatchRequest(r.handle, 'engine:set-paused', { paused: 'yes' }, (message) => r.faults.push(message));
    assert.equal(!invalid.ok && invalid.error.code, 'invalid_request');
    assert.match(!invalid.ok ? invalid.error.message : '', /Invalid engine:set-paused request: paused:/);
    assert.deepEqual(r.calls, []);
    assert.deepEqual(r.faults, [], 'a bad request is the client’s fault, not the engine’s: nothing to log');
  });

  it("passes the handler's ContractError through with its code and sentence", async () => {
    const r = recorder(() => {
      throw new ContractError('not_found', 'There is no account "x".');
    });
    const result = await dispatchRequest(r.handle, 'workers:get', { accountId: 'x' }, (message) => r.faults.push(message));
    assert.deepEqual(result, { ok: false, error: { code: 'not_found', message: 'There is no account "x".' } });
    assert.deepEqual(r.faults, []);
  });

  it('reports any other failure as a fault for the log and answers internal, without its message', async () => {
    for (const thrown of [new Error('EACCES: /home/alice/secret-path'), 'EACCES: a string /home/alice/secret-path']) {
      const r = recorder(() => {
        throw thrown;
      });
      const result = await dispatchRequest(r.handle, 'accounts:list', {}, (message) => r.faults.push(message));
      assert.equal(!result.ok && result.error.code, 'internal');
      assert.doesNotMatch(JSON.stringify(result), /secret-path|EACCES/);
      assert.equal(r.faults.length, 1);
      assert.match(r.faults[0] ?? '', /EACCES/);
    }
  });
});

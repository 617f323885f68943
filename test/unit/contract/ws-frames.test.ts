import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventFrame, readRequestFrame, readServerFrame, requestFrame, responseFrame } from '../../../shared/contract';

// Both ends of the headless WebSocket read frames with these functions: what one writes, the other reads.

describe('WebSocket frames', () => {
  it('reads back what each end writes', () => {
    assert.deepEqual(readRequestFrame(requestFrame(7, 'workers:get', { accountId: 'farm-1' })), {
      type: 'request',
      id: 7,
      channel: 'workers:get',
      payload: { accountId: 'farm-1' },
    });
    const error = { ok: false as const, error: { code: 'not_found' as const, message: 'There is no account "x".' } };
    assert.deepEqual(readServerFrame(responseFrame(7, error)), { type: 'response', id: 7, result: error });
    assert.deepEqual(readServerFrame(eventFrame('state:paused', { paused: true })), {
      type: 'event',
      channel: 'state:paused',
      payload: { paused: true },
    });
  });

  it('leaves the channel and payload to the contract: an unknown channel is still a well-formed frame', () => {
    const text = JSON.stringify({ type: 'request', id: 1, channel: 'nope:nope', payload: { any: 'thing' } });
    assert.deepEqual(readRequestFrame(text), { type: 'request', id: 1, channel: 'nope:nope', payload: { any: 'thing' } });
  });

  it('refuses text that is not a request frame, without throwing', () => {
    const malformed = [
      'not json',
      '',
      'null',
      '[1,2]',
      '{"type":"request","id":-1,"channel":"state:get","payload":{}}',
      '{"type":"request","id":1.5,"channel":"state:get","payload":{}}',
      '{"type":"request","id":"1","channel":"state:get","payload":{}}',
      '{"type":"request","id":1,"payload":{}}',
      '{"type":"response","id":1,"result":{"ok":true,"value":1}}',
    ];
    for (const text of malformed) assert.equal(readRequestFrame(text), null, text);
  });

  it('refuses text that is not a server frame, without throwing', () => {
    const malformed = [
      'not json',
      '[1,2]',
      '{"type":"response","result":{}}',
      '{"type":"response","id":"3","result":{}}',
      '{"type":"event","payload":{}}',
      '{"type":"request","id":1,"channel":"state:get","payload":{}}',
      '{"type":"ping"}',
    ];
    for (const text of malformed) assert.equal(readServerFrame(text), null, text);
  });
});

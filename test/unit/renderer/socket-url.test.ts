import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { socketUrl } from '../../../renderer/api/socket-url';

describe('socketUrl', () => {
  it('opens wss from a page served over HTTPS (serve --tls-cert), ws otherwise, on the page\'s own host', () => {
    assert.equal(socketUrl({ protocol: 'https:', host: 'rig-1.lan:8443' }), 'wss://rig-1.lan:8443/ws');
    assert.equal(socketUrl({ protocol: 'http:', host: '127.0.0.1:5000' }), 'ws://127.0.0.1:5000/ws');
  });
});

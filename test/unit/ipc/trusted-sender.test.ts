import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createTrustedSenderCheck, describeSender, isAppPageUrl } from '../../../main/ipc/trusted-sender';
import type { FrameLike } from '../../../main/ipc/ipc-ports';

const APP_URL = 'file:///opt/Pool%20Watch/dist/renderer/index.html';

describe('isAppPageUrl', () => {
  it('accepts the page itself, with any route fragment or query', () => {
    assert.ok(isAppPageUrl(APP_URL, APP_URL));
    assert.ok(isAppPageUrl(`${APP_URL}#/workers/acc-1`, APP_URL));
    assert.ok(isAppPageUrl(`${APP_URL}?x=1`, APP_URL));
    assert.ok(isAppPageUrl('file:///opt/Pool Watch/dist/renderer/index.html', APP_URL));
  });

  it('rejects other files, schemes and hosts', () => {
    for (const url of [
      'file:///opt/Pool%20Watch/dist/renderer/other.html',
      'file:///opt/Pool%20Watch/dist/renderer/index.html/../../x.html',
      'file://host/opt/Pool%20Watch/dist/renderer/index.html',
      'http://localhost/opt/Pool%20Watch/dist/renderer/index.html',
      'https://evil.example/',
      'about:blank',
      'not a url',
      '',
    ]) {
      assert.equal(isAppPageUrl(url, APP_URL), false, url);
    }
  });

  it('compares Windows paths without regard to case', () => {
    const own = 'file:///C:/Program%20Files/PoolWatch/resources/app.asar/dist/renderer/index.html';
    assert.ok(isAppPageUrl('file:///c:/program%20files/poolwatch/resources/app.asar/dist/renderer/index.html', own));
  });

  it('trusts nothing when the expected URL is not a file: URL', () => {
    assert.equal(isAppPageUrl('http://localhost/', 'http://localhost/'), false);
  });
});

describe('createTrustedSenderCheck', () => {
  const isTrusted = createTrustedSenderCheck(APP_URL);
  it('trusts the main frame of the app page only', () => {
    const main: FrameLike = { url: APP_URL };
    assert.ok(isTrusted({ senderFrame: main, sender: { mainFrame: main } }));
    assert.equal(isTrusted({ senderFrame: { url: APP_URL }, sender: { mainFrame: main } }), false);
    assert.equal(isTrusted({ senderFrame: null, sender: { mainFrame: main } }), false);
    const other: FrameLike = { url: 'https://evil.example/' };
    assert.equal(isTrusted({ senderFrame: other, sender: { mainFrame: other } }), false);
  });

  it('describes a sender by origin only', () => {
    const frame: FrameLike = { url: 'https://evil.example/path?token=abc' };
    assert.equal(describeSender({ senderFrame: frame, sender: { mainFrame: frame } }), 'https://evil.example');
    assert.equal(describeSender({ senderFrame: null, sender: { mainFrame: frame } }), 'a destroyed frame');
  });
});

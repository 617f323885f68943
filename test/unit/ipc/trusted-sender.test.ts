import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createTrustedSenderCheck, describeSender, isAppPageUrl } from '../../../main/ipc/trusted-sender';
import type { FrameLike } from '../../../main/ipc/ipc-ports';

const APP_URL = 'app://poolwatch/index.html';

describe('isAppPageUrl', () => {
  it('accepts the page itself, with any route fragment or query', () => {
    assert.ok(isAppPageUrl(APP_URL, APP_URL));
    assert.ok(isAppPageUrl(`${APP_URL}#/workers/acc-1`, APP_URL));
    assert.ok(isAppPageUrl(`${APP_URL}?x=1`, APP_URL));
    assert.ok(isAppPageUrl('app://poolwatch/assets/../index.html', APP_URL));
  });

  it('rejects other pages, schemes, hosts and spellings', () => {
    for (const url of [
      'app://poolwatch/other.html',
      'app://poolwatch/',
      'app://poolwatch/index.html/',
      'app://poolwatch/%69ndex.html',
      'app://poolwatch.evil/index.html',
      'app://evil/index.html',
      'app://user@poolwatch/index.html',
      'app://poolwatch:8080/index.html',
      'apps://poolwatch/index.html',
      'file:///index.html',
      'file://poolwatch/index.html',
      'file:///opt/PoolWatch/resources/app.asar/dist/renderer/index.html',
      'http://poolwatch/index.html',
      'https://evil.example/',
      'about:blank',
      'not a url',
      '',
    ]) {
      assert.equal(isAppPageUrl(url, APP_URL), false, url);
    }
  });

  it('trusts no file: page, not even the expected one: any local file could claim to be the app', () => {
    const own = 'file:///opt/PoolWatch/dist/renderer/index.html';
    assert.equal(isAppPageUrl(own, own), false);
  });

  it('trusts nothing when the expected URL has no host', () => {
    assert.equal(isAppPageUrl('app:index.html', 'app:index.html'), false);
    assert.equal(isAppPageUrl('about:blank', 'about:blank'), false);
  });
});

describe('createTrustedSenderCheck', () => {
  const isTrusted = createTrustedSenderCheck(APP_URL);
  it('trusts the main frame of the app page only', () => {
    const main: FrameLike = { url: APP_URL };
    assert.ok(isTrusted({ senderFrame: main, sender: { mainFrame: main } }));
    const routed: FrameLike = { url: `${APP_URL}#/alerts` };
    assert.ok(isTrusted({ senderFrame: routed, sender: { mainFrame: routed } }));
    assert.equal(isTrusted({ senderFrame: { url: APP_URL }, sender: { mainFrame: main } }), false);
    assert.equal(isTrusted({ senderFrame: null, sender: { mainFrame: main } }), false);
    const other: FrameLike = { url: 'https://evil.example/' };
    assert.equal(isTrusted({ senderFrame: other, sender: { mainFrame: other } }), false);
    const localFile: FrameLike = { url: 'file:///tmp/downloaded.html' };
    assert.equal(isTrusted({ senderFrame: localFile, sender: { mainFrame: localFile } }), false);
  });

  it('describes a sender by origin only', () => {
    const frame: FrameLike = { url: 'https://evil.example/path?token=abc' };
    assert.equal(describeSender({ senderFrame: frame, sender: { mainFrame: frame } }), 'https://evil.example');
    assert.equal(describeSender({ senderFrame: null, sender: { mainFrame: frame } }), 'a destroyed frame');
  });
});

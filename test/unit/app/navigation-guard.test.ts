import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { POOL_IDS, POOLS } from '../../../shared/model';
import {
  installNavigationGuard,
  isAllowedExternalUrl,
  type GuardedContentsLike,
  type NavigationEventLike,
} from '../../../main/app/navigation-guard';

const APP_URL = 'app://poolwatch/index.html';

describe('isAllowedExternalUrl', () => {
  it("allows https links to the pools' sites and their subdomains", () => {
    for (const url of [
      'https://sbicrypto.com/',
      'https://www.sbicrypto.com/dashboard?x=1#y',
      'https://pool.spiderpool.com/',
      'https://webminepool.com/',
      'https://stratumsphere.io/docs',
    ]) {
      assert.ok(isAllowedExternalUrl(url), url);
    }
  });

  it("allows each pool's default API host", () => {
    for (const pool of POOL_IDS) assert.ok(isAllowedExternalUrl(POOLS[pool].defaultBaseUrl), pool);
  });

  it('refuses anything else', () => {
    for (const url of [
      'http://sbicrypto.com/',
      'https://sbicrypto.com.evil.example/',
      'https://evilsbicrypto.com/',
      'https://user:pass@sbicrypto.com/',
      'https://sbicrypto.com:8443/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,hi',
      'smb://sbicrypto.com/share',
      'https://example.com/',
      'not a url',
      '',
    ]) {
      assert.equal(isAllowedExternalUrl(url), false, url);
    }
  });
});

type Listener = (event: NavigationEventLike) => void;

class FakeContents implements GuardedContentsLike {
  readonly listeners = new Map<string, Listener>();
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  on(event: string, listener: Listener): void {
    this.listeners.set(event, listener);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  fire(name: string, url: string): boolean {
    let prevented = false;
    this.listeners.get(name)?.({ url, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

function setup() {
  const contents = new FakeContents();
  const opened: string[] = [];
  installNavigationGuard(contents, {
    appPageUrl: APP_URL,
    openExternal: async (url) => {
      opened.push(url);
    },
  });
  return { contents, opened };
}

describe('installNavigationGuard', () => {
  it("lets the app's own page load (any route)", () => {
    const { contents, opened } = setup();
    assert.equal(contents.fire('will-navigate', `${APP_URL}#/accounts`), false);
    assert.deepEqual(opened, []);
  });

  it('blocks navigation away, opening only allow-listed links in the browser', () => {
    const { contents, opened } = setup();
    assert.equal(contents.fire('will-navigate', 'https://evil.example/'), true);
    assert.equal(contents.fire('will-navigate', 'file:///etc/passwd'), true);
    assert.equal(contents.fire('will-redirect', 'https://evil.example/'), true);
    assert.equal(contents.fire('will-navigate', 'https://www.spiderpool.com/'), true);
    assert.deepEqual(opened, ['https://www.spiderpool.com/']);
  });

  it('denies every new window, opening allow-listed ones externally', () => {
    const { contents, opened } = setup();
    assert.deepEqual(contents.openHandler?.({ url: 'https://sbicrypto.com/' }), { action: 'deny' });
    assert.deepEqual(contents.openHandler?.({ url: 'https://evil.example/' }), { action: 'deny' });
    assert.deepEqual(contents.openHandler?.({ url: APP_URL }), { action: 'deny' });
    assert.deepEqual(opened, ['https://sbicrypto.com/']);
  });

  it('refuses webviews', () => {
    const { contents } = setup();
    assert.equal(contents.fire('will-attach-webview', 'about:blank'), true);
  });
});

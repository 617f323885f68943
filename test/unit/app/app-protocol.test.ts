import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { APP_PAGE_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, appPageUrl, serveAppRequest } from '../../../main/app/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../main/app/content-security-policy';
import { isAppPageUrl } from '../../../main/ipc/trusted-sender';

describe('the app:// page address', () => {
  it('is app://poolwatch/index.html, with the route in the fragment', () => {
    assert.equal(APP_PAGE_URL, 'app://poolwatch/index.html');
    assert.equal(appPageUrl(), APP_PAGE_URL);
    assert.equal(appPageUrl('#/alerts'), 'app://poolwatch/index.html#/alerts');
    assert.equal(appPageUrl('/alerts'), 'app://poolwatch/index.html#/alerts');
  });

  it('is what the IPC sender check and the navigation guard accept, with or without a route', () => {
    assert.ok(isAppPageUrl(appPageUrl(), APP_PAGE_URL));
    assert.ok(isAppPageUrl(appPageUrl('#/workers/acc-1'), APP_PAGE_URL));
  });

  it('is registered standard (an origin, relative URLs) and secure, and nothing more', () => {
    assert.equal(APP_SCHEME, 'app');
    assert.deepEqual(APP_SCHEME_PRIVILEGES, { standard: true, secure: true });
  });
});

describe('serveAppRequest', () => {
  let root: string;
  let rendererDir: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'poolwatch-protocol-'));
    rendererDir = join(root, 'renderer');
    await mkdir(rendererDir);
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>PoolWatch</title>');
    await writeFile(join(rendererDir, 'app.js'), 'export const ok = 1;');
    await writeFile(join(rendererDir, 'styles.css'), 'body{}');
    // The build splits lazily loaded screens into module chunks in a subfolder.
    await mkdir(join(rendererDir, 'chunks'));
    await writeFile(join(rendererDir, 'chunks', 'charts-screen-ABC123.js'), 'export const charts = 1;');
    // Beside the renderer folder, reachable only by escaping it.
    await writeFile(join(root, 'secret.js'), 'SECRET-OUTSIDE-RENDERER');
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const get = (url: string, method = 'GET') => serveAppRequest({ url, method }, rendererDir);

  it('serves the module chunks a lazy screen imports, as JavaScript under the same CSP', async () => {
    const chunk = await get('app://poolwatch/chunks/charts-screen-ABC123.js');
    assert.equal(chunk.status, 200);
    assert.equal(chunk.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(chunk.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal(await chunk.text(), 'export const charts = 1;');
    assert.equal((await get('app://poolwatch/chunks/../../secret.js')).status, 404);
  });

  it("serves the renderer's files with their types, the app's CSP and nosniff", async () => {
    const page = await get(APP_PAGE_URL);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(page.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(await page.text(), '<!doctype html><title>PoolWatch</title>');

    // A module script is refused unless it comes with a JavaScript type.
    const script = await get('app://poolwatch/app.js');
    assert.equal(script.status, 200);
    assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(await script.text(), 'export const ok = 1;');
    assert.equal((await get('app://poolwatch/styles.css?v=1#x')).headers.get('content-type'), 'text/css; charset=utf-8');
  });

  it('answers HEAD without a body', async () => {
    const head = await get(APP_PAGE_URL, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
  });

  it('serves nothing outside the renderer folder, however the path is spelled', async () => {
    for (const url of [
      'app://poolwatch/%2e%2e/secret.js',
      'app://poolwatch/..%2fsecret.js',
      'app://poolwatch/%2E%2E%2Fsecret.js',
      'app://poolwatch/..%5csecret.js',
      'app://poolwatch/%2fsecret.js',
      `app://poolwatch/${encodeURIComponent(join(root, 'secret.js'))}`,
    ]) {
      const response = await get(url);
      assert.equal(response.status, 404, url);
      assert.doesNotMatch(await response.text(), /SECRET-OUTSIDE-RENDERER/, url);
    }
  });

  it('answers 404 for another host, a missing file, an unknown type or a malformed escape, without throwing', async () => {
    for (const url of ['app://evil/index.html', 'app://poolwatch/missing.js', 'app://poolwatch/index.exe', 'app://poolwatch/%E0%A4%A.js', 'not a url']) {
      const response = await get(url);
      assert.equal(response.status, 404, url);
      assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY, url);
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    assert.equal((await get(APP_PAGE_URL, 'POST')).status, 405);
    assert.equal((await get(APP_PAGE_URL, 'PUT')).status, 405);
  });
});

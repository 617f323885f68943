import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { mainWindowOptions } from '../../../main/app/window-options';

describe('mainWindowOptions', () => {
  const options = mainWindowOptions({ preloadPath: '/app/dist/preload/preload.js' });
  const web = options.webPreferences ?? {};

  it('isolates the page: context isolation, sandbox, no Node', () => {
    assert.equal(web.contextIsolation, true);
    assert.equal(web.sandbox, true);
    assert.equal(web.nodeIntegration, false);
    assert.equal(web.nodeIntegrationInSubFrames, false);
    assert.equal(web.nodeIntegrationInWorker, false);
  });

  it('keeps web security on and webviews off', () => {
    assert.equal(web.webSecurity, true);
    assert.equal(web.allowRunningInsecureContent, false);
    assert.equal(web.webviewTag, false);
    assert.equal(web.navigateOnDragDrop, false);
  });

  it('turns on no experimental or extra Blink features (SECURITY.md, items 9 and 10)', () => {
    assert.equal(web.experimentalFeatures, undefined);
    assert.equal(web.enableBlinkFeatures, undefined);
  });

  it('uses the given preload and waits for ready-to-show', () => {
    assert.equal(web.preload, '/app/dist/preload/preload.js');
    assert.equal(options.show, false);
  });

  it('sets the window icon only when given', () => {
    assert.equal('icon' in options, false);
    assert.equal(mainWindowOptions({ preloadPath: '/p.js', iconPath: '/icon.png' }).icon, '/icon.png');
  });
});

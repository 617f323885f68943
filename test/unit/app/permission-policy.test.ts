import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { installPermissionPolicy, isPermissionGranted, type PermissionSessionLike } from '../../../main/app/permission-policy';

// Every permission Electron 45 names in setPermissionRequestHandler / setPermissionCheckHandler, and a made-up one.
const PERMISSIONS = [
  'ar',
  'automatic-fullscreen',
  'background-fetch',
  'background-sync',
  'captured-surface-control',
  'clipboard-read',
  'clipboard-sanitized-write',
  'deprecated-sync-clipboard-read',
  'display-capture',
  'fileSystem',
  'fullscreen',
  'geolocation',
  'geolocation-approximate',
  'hand-tracking',
  'hid',
  'idle-detection',
  'keyboardLock',
  'local-fonts',
  'local-network',
  'local-network-access',
  'loopback-network',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'nfc',
  'notifications',
  'openExternal',
  'payment-handler',
  'periodic-background-sync',
  'persistent-storage',
  'pointerLock',
  'screen-wake-lock',
  'sensors',
  'serial',
  'smart-card',
  'speaker-selection',
  'storage-access',
  'system-wake-lock',
  'top-level-storage-access',
  'usb',
  'vr',
  'web-app-installation',
  'web-printing',
  'window-management',
  'unknown',
  'a-permission-from-the-future',
];

class FakeSession implements PermissionSessionLike {
  request: Parameters<PermissionSessionLike['setPermissionRequestHandler']>[0] | null = null;
  check: Parameters<PermissionSessionLike['setPermissionCheckHandler']>[0] | null = null;
  device: Parameters<PermissionSessionLike['setDevicePermissionHandler']>[0] | null = null;
  setPermissionRequestHandler(handler: NonNullable<FakeSession['request']>): void {
    this.request = handler;
  }
  setPermissionCheckHandler(handler: NonNullable<FakeSession['check']>): void {
    this.check = handler;
  }
  setDevicePermissionHandler(handler: NonNullable<FakeSession['device']>): void {
    this.device = handler;
  }
}

function setup() {
  const session = new FakeSession();
  const lines: string[] = [];
  installPermissionPolicy(session, { info: () => {}, warn: (m) => lines.push(m), error: () => {} });
  return { session, lines };
}

describe('isPermissionGranted', () => {
  it('grants nothing: the app needs no web permission (notifications come from the main process)', () => {
    for (const permission of PERMISSIONS) assert.equal(isPermissionGranted(permission), false, permission);
  });
});

describe('installPermissionPolicy', () => {
  it('installs a request, a check and a device handler', () => {
    const { session } = setup();
    assert.ok(session.request && session.check && session.device);
  });

  it('answers every permission request with a denial, once', () => {
    const { session } = setup();
    for (const permission of PERMISSIONS) {
      const answers: boolean[] = [];
      session.request?.(null, permission, (granted) => answers.push(granted), { requestingUrl: 'app://poolwatch/index.html' });
      assert.deepEqual(answers, [false], permission);
    }
  });

  it('answers every permission check and device request with false', () => {
    const { session } = setup();
    for (const permission of PERMISSIONS) {
      assert.equal(session.check?.(null, permission, 'app://poolwatch', {}), false, permission);
    }
    assert.equal(session.device?.({ deviceType: 'usb', origin: 'app://poolwatch' }), false);
    assert.equal(session.device?.({ deviceType: 'hid', origin: 'https://evil.example' }), false);
  });

  it('logs a refused request by permission and origin only, never the full URL', () => {
    const { session, lines } = setup();
    session.request?.(null, 'media', () => {}, { requestingUrl: 'https://evil.example/path?token=abc#x' });
    session.request?.(null, 'geolocation', () => {}, {});
    assert.deepEqual(lines, ['permission: refused media to https://evil.example', 'permission: refused geolocation to an unknown page']);
  });
});

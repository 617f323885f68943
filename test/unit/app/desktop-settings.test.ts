import assert from 'node:assert/strict';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_APP_SETTINGS } from '../../../shared/contract';
import { HIDDEN_FLAG, applyDesktopSettings, autostartEntry, quitsOnLastWindowClosed, type LoginItemPort } from '../../../main/app/desktop-settings';
import { captureLogger } from '../../support/capture-logger';

function port(platform: NodeJS.Platform, autostartDir: string): LoginItemPort & { calls: Array<{ openAtLogin: boolean; args: string[] }> } {
  const calls: Array<{ openAtLogin: boolean; args: string[] }> = [];
  return { platform, autostartDir, command: ['/opt/Pool Watch/poolwatch'], setLoginItemSettings: (settings) => calls.push(settings), calls };
}

describe('desktop settings: start at login, close to tray', () => {
  it('on macOS and Windows sets the login item, started hidden in the tray', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const fake = port(platform, '/nonexistent');
      await applyDesktopSettings({ ...DEFAULT_APP_SETTINGS, startAtLogin: true }, fake, captureLogger());
      await applyDesktopSettings({ ...DEFAULT_APP_SETTINGS, startAtLogin: false }, fake, captureLogger());
      assert.deepEqual(fake.calls, [
        { openAtLogin: true, args: [HIDDEN_FLAG] },
        { openAtLogin: false, args: [HIDDEN_FLAG] },
      ]);
    }
  });

  it('on Linux writes an XDG autostart entry that starts hidden, and removes it when turned off', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'poolwatch-autostart-')), 'autostart');
    const fake = port('linux', dir);
    await applyDesktopSettings({ ...DEFAULT_APP_SETTINGS, startAtLogin: true }, fake, captureLogger());
    const entry = await readFile(join(dir, 'poolwatch.desktop'), 'utf8');
    assert.match(entry, /^\[Desktop Entry\]\n/);
    assert.match(entry, /^Exec="\/opt\/Pool Watch\/poolwatch" --hidden$/m);
    await applyDesktopSettings({ ...DEFAULT_APP_SETTINGS, startAtLogin: false }, fake, captureLogger());
    await assert.rejects(stat(join(dir, 'poolwatch.desktop')), { code: 'ENOENT' });
    assert.deepEqual(fake.calls, [], 'Electron has no login items on Linux');
  });

  it('logs a failure to change the autostart instead of throwing', async () => {
    const logger = captureLogger();
    // The autostart "folder" is a file: the entry cannot be written there.
    const blocker = join(await mkdtemp(join(tmpdir(), 'poolwatch-autostart-')), 'autostart');
    await writeFile(blocker, 'not a folder');
    const fake = port('linux', blocker);
    await applyDesktopSettings({ ...DEFAULT_APP_SETTINGS, startAtLogin: true }, fake, logger);
    assert.match(logger.lines.join('\n'), /could not turn on start at login/);
  });

  it('quotes what a Desktop Entry Exec line cannot take bare', () => {
    assert.match(autostartEntry(['/usr/bin/electron', '/home/me/$HOME "app"']), /^Exec=\/usr\/bin\/electron "\/home\/me\/\\\$HOME \\"app\\"" --hidden$/m);
  });

  it('closing the last window quits only when close to tray is off', () => {
    assert.equal(quitsOnLastWindowClosed({ closeToTray: true }), false);
    assert.equal(quitsOnLastWindowClosed({ closeToTray: false }), true);
  });
});

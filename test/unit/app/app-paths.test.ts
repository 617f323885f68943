import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { resolveAppPaths } from '../../../main/app/app-paths';

describe('resolveAppPaths', () => {
  const mainDir = join('/', 'opt', 'poolwatch', 'dist', 'main');

  it('finds the renderer and the preload beside dist/main', () => {
    const paths = resolveAppPaths(mainDir, { isPackaged: false, resourcesPath: '/unused' });
    assert.equal(paths.rendererDir, join('/', 'opt', 'poolwatch', 'dist', 'renderer'));
    assert.equal(paths.preloadFile, join('/', 'opt', 'poolwatch', 'dist', 'preload', 'preload.js'));
  });

  it('takes icons from build/ in a checkout and from resources/ in a package', () => {
    const dev = resolveAppPaths(mainDir, { isPackaged: false, resourcesPath: '/unused' });
    assert.equal(dev.iconsDir, join('/', 'opt', 'poolwatch', 'build', 'icons'));
    assert.equal(dev.appIconFile, join('/', 'opt', 'poolwatch', 'build', 'icon.png'));
    const packaged = resolveAppPaths(mainDir, { isPackaged: true, resourcesPath: '/opt/PoolWatch/resources' });
    assert.equal(packaged.iconsDir, join('/opt/PoolWatch/resources', 'icons'));
  });

  it('uses the Electron build of SQLite from .tmp/native in a checkout, and the packaged node_modules in a package', () => {
    const dev = resolveAppPaths(mainDir, { isPackaged: false, resourcesPath: '/unused', electronVersion: '45.6.1' });
    assert.equal(dev.sqliteBinding, join('/', 'opt', 'poolwatch', '.tmp', 'native', 'electron-45.6.1', 'better_sqlite3.node'));
    const packaged = resolveAppPaths(mainDir, { isPackaged: true, resourcesPath: '/opt/PoolWatch/resources', electronVersion: '45.6.1' });
    assert.equal(packaged.sqliteBinding, null);
  });

  it('looks where build/electron-sqlite.mjs puts the Electron build', async () => {
    const root = join(__dirname, '..', '..', '..');
    const script = (await import(pathToFileURL(join(root, 'build', 'electron-sqlite.mjs')).href)) as { electronSqlitePath(version: string): string };
    const app = resolveAppPaths(join(root, 'dist', 'main'), { isPackaged: false, resourcesPath: '/unused', electronVersion: '45.6.1' });
    assert.equal(app.sqliteBinding, script.electronSqlitePath('45.6.1'));
  });
});

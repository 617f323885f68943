import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { resolveAppPaths } from '../../../main/app/app-paths';

describe('resolveAppPaths', () => {
  const mainDir = join('/', 'opt', 'poolwatch', 'dist', 'main');

  it('finds the renderer and the preload beside dist/main', () => {
    const paths = resolveAppPaths(mainDir, { isPackaged: false, resourcesPath: '/unused' });
    assert.equal(paths.rendererIndexFile, join('/', 'opt', 'poolwatch', 'dist', 'renderer', 'index.html'));
    assert.equal(paths.preloadFile, join('/', 'opt', 'poolwatch', 'dist', 'preload', 'preload.js'));
    assert.match(paths.rendererIndexUrl, /^file:\/\/.*\/dist\/renderer\/index\.html$/);
  });

  it('takes icons from build/ in a checkout and from resources/ in a package', () => {
    const dev = resolveAppPaths(mainDir, { isPackaged: false, resourcesPath: '/unused' });
    assert.equal(dev.iconsDir, join('/', 'opt', 'poolwatch', 'build', 'icons'));
    assert.equal(dev.appIconFile, join('/', 'opt', 'poolwatch', 'build', 'icon.png'));
    const packaged = resolveAppPaths(mainDir, { isPackaged: true, resourcesPath: '/opt/PoolWatch/resources' });
    assert.equal(packaged.iconsDir, join('/opt/PoolWatch/resources', 'icons'));
  });

  it('uses the Electron build of SQLite from .tmp/native in a checkout, and the packaged node_modules in a package', () => {
    const dev = resolveAppPaths(mainDir, { isPackaged: false, resourcesPath: '/unused', electronVersion: '40.10.2' });
    assert.equal(dev.sqliteBinding, join('/', 'opt', 'poolwatch', '.tmp', 'native', 'electron-40.10.2', 'better_sqlite3.node'));
    const packaged = resolveAppPaths(mainDir, { isPackaged: true, resourcesPath: '/opt/PoolWatch/resources', electronVersion: '40.10.2' });
    assert.equal(packaged.sqliteBinding, null);
  });

  it('looks where build/electron-sqlite.mjs puts the Electron build', async () => {
    const root = join(__dirname, '..', '..', '..');
    const script = (await import(pathToFileURL(join(root, 'build', 'electron-sqlite.mjs')).href)) as { electronSqlitePath(version: string): string };
    const app = resolveAppPaths(join(root, 'dist', 'main'), { isPackaged: false, resourcesPath: '/unused', electronVersion: '40.10.2' });
    assert.equal(app.sqliteBinding, script.electronSqlitePath('40.10.2'));
  });
});

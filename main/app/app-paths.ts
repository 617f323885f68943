import { join } from 'node:path';

export interface AppPaths {
  /** The built renderer (index.html, app.js, styles.css), served as app://poolwatch/ (app-protocol.ts). */
  rendererDir: string;
  preloadFile: string;
  /** Tray images: tray-<level>.png and their @2x twins. */
  iconsDir: string;
  /** The 256 px window icon (Linux, Windows); may be absent in a package, so check before use. */
  appIconFile: string;
  /**
   * SQLite built for this Electron by build/electron-sqlite.mjs, used in a checkout (node_modules holds the Node
   * build); null in a package, whose node_modules electron-builder rebuilt. May be absent, so check before use.
   */
  sqliteBinding: string | null;
}

export interface PackagingInfo {
  isPackaged: boolean;
  /** process.resourcesPath: where electron-builder's extraResources land. */
  resourcesPath: string;
  /** process.versions.electron */
  electronVersion?: string;
}

/**
 * Paths of the built app from the bundled main script's folder (dist/main). Icons come from build/ in a
 * checkout and from resources/icons (electron-builder.yml extraResources) in a package.
 */
export function resolveAppPaths(mainDir: string, packaging: PackagingInfo): AppPaths {
  const buildDir = join(mainDir, '..', '..', 'build');
  const iconsDir = packaging.isPackaged ? join(packaging.resourcesPath, 'icons') : join(buildDir, 'icons');
  return {
    rendererDir: join(mainDir, '..', 'renderer'),
    preloadFile: join(mainDir, '..', 'preload', 'preload.js'),
    iconsDir,
    appIconFile: packaging.isPackaged ? join(iconsDir, 'icon.png') : join(buildDir, 'icon.png'),
    sqliteBinding:
      packaging.isPackaged || !packaging.electronVersion
        ? null
        : join(mainDir, '..', '..', '.tmp', 'native', `electron-${packaging.electronVersion}`, 'better_sqlite3.node'),
  };
}

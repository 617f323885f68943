import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface AppPaths {
  rendererIndexFile: string;
  /** The file: URL the IPC sender check and the navigation guard accept. */
  rendererIndexUrl: string;
  preloadFile: string;
  /** Tray images (tray-<level>.png and @2x), copied from build/icons by the build. */
  iconsDir: string;
  /** The 256 px app icon, copied from build/icon.png by the build. */
  appIconFile: string;
}

/** Paths of the built app, relative to the bundled main script's folder (dist/main). */
export function resolveAppPaths(mainDir: string): AppPaths {
  const rendererIndexFile = join(mainDir, '..', 'renderer', 'index.html');
  return {
    rendererIndexFile,
    rendererIndexUrl: pathToFileURL(rendererIndexFile).href,
    preloadFile: join(mainDir, '..', 'preload', 'preload.js'),
    iconsDir: join(mainDir, '..', 'icons'),
    appIconFile: join(mainDir, '..', 'icons', 'icon.png'),
  };
}

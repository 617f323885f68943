// Where the installed Electron executable is, without downloading it. Since Electron 45 the npm package has no
// install script: the binary comes with `npx install-electron` or at the first require('electron'), which
// downloads (and fails, slowly or not, where electronjs.org's release host is unreachable). Looking here never does.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const INSTALL_HINT = 'run `npx install-electron` where GitHub release downloads are reachable';

/** The Electron executable, or null with the reason it cannot be used. */
export function installedElectron(): { path: string } | { reason: string } {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(__filename).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed (npm ci)' };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { reason: `its binary was not downloaded: ${INSTALL_HINT}` };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const path = override ? join(override, relative) : join(packageDir, 'dist', relative);
  return existsSync(path) ? { path } : { reason: `its binary is missing from ${dirname(path)}: ${INSTALL_HINT}` };
}

// Builds better-sqlite3 for Electron's ABI into .tmp/native/electron-<version>/, beside (not instead of) the Node
// build in node_modules that the tests, the CLI and `poolwatch serve` load. The desktop app run from source
// (`npm start`, the demo) loads this one; packaged apps get theirs from electron-builder (npmRebuild).
// Needs the Electron headers from electronjs.org; without them it says so and the app keeps history in memory.
// A failed build is not tried again at every start (it would download and compile each time): `--retry` does.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the Electron build goes; main/app/app-paths.ts reads the same place (test/unit/app/app-paths.test.ts checks). */
export function electronSqlitePath(electronVersion) {
  return join(root, '.tmp', 'native', `electron-${electronVersion}`, 'better_sqlite3.node');
}

function failureMarker(electronVersion) {
  return join(root, '.tmp', 'native', `electron-${electronVersion}.failed`);
}

function electronVersion() {
  return JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

function main() {
  const version = electronVersion();
  const target = electronSqlitePath(version);
  if (existsSync(target)) return;
  const marker = failureMarker(version);
  if (existsSync(marker) && !process.argv.includes('--retry')) {
    console.warn(`electron-sqlite: the build for Electron ${version} failed before (${readFileSync(marker, 'utf8').trim()}); history stays in memory. Run \`node build/electron-sqlite.mjs --retry\` to try again.`);
    return;
  }
  const work = join(root, '.tmp', 'native', 'build-better-sqlite3');
  rmSync(work, { recursive: true, force: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), work, { recursive: true, filter: (path) => !path.includes(`${join('better-sqlite3', 'build')}`) });
  console.log(`electron-sqlite: building better-sqlite3 for Electron ${version} (once per Electron version)…`);
  const gyp = join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const result = spawnSync(
    process.execPath,
    [gyp, 'rebuild', '--release', `--target=${version}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'],
    { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
  );
  if (result.status !== 0) {
    rmSync(work, { recursive: true, force: true });
    const errors = (result.stderr ?? '').split('\n').filter((line) => /ERR! stack (Error:|[a-z])/.test(line) && !/ERR! stack\s+at /.test(line));
    const reason = errors.map((line) => line.replace(/^gyp ERR! stack (Error: )?/, '')).join(' ').slice(0, 240) || `node-gyp exited with ${result.status}`;
    mkdirSync(dirname(marker), { recursive: true });
    writeFileSync(marker, `${reason}\n`);
    console.warn(`electron-sqlite: could not build SQLite for Electron (${reason}). The desktop app will run with history in memory.`);
    return;
  }
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  rmSync(work, { recursive: true, force: true });
  rmSync(marker, { force: true });
  console.log(`electron-sqlite: built ${target}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();

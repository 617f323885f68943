// `npm run bench`: bundles the bench and the CLI with esbuild, as build.mjs bundles the app, and runs the bundle,
// so the figures are those of the code users run (through tsx, every cross-module call pays a getter).
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist-bench');

await build({
  bundle: true,
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  entryPoints: [
    { in: 'test/bench/run.ts', out: 'run' },
    { in: 'main/cli/main.ts', out: 'cli' },
  ],
  outdir: out,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['electron', 'keytar', 'better-sqlite3', 'bufferutil', 'utf-8-validate', '@playwright/test', 'playwright', 'playwright-core', 'tsx'],
});
const child = spawn(process.execPath, ['--expose-gc', '--enable-source-maps', join(out, 'run.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, POOLWATCH_REPO_ROOT: root, POOLWATCH_BENCH_CLI: join(out, 'cli.js') },
});
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));

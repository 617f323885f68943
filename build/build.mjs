// Bundles every process with esbuild: the CLI/headless server and Electron main (Node), the sandboxed
// preload (one file, as sandboxed preloads cannot require local modules) and the React renderer.
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
// Native or optional modules stay outside the bundles and load from node_modules at run time.
const nodeExternals = ['electron', 'keytar', 'better-sqlite3', 'bufferutil', 'utf-8-validate'];

const common = { bundle: true, sourcemap: true, logLevel: 'warning', absWorkingDir: root };

/**
 * zod's namespace re-exports every message locale (about 260 KB minified); the UI words zod's issues itself
 * (describeIssues) and zod keeps its English default, imported directly. So the renderer gets an empty module
 * in place of the locale index.
 */
const withoutZodLocales = {
  name: 'without-zod-locales',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'empty-module' } : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'empty-module' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

async function main() {
  await rm(dist, { recursive: true, force: true });
  await mkdir(join(dist, 'renderer'), { recursive: true });

  const nodeEntries = [
    { in: 'main/cli/main.ts', out: 'main/cli' },
    { in: 'main/app/electron-main.ts', out: 'main/electron-main' },
  ].filter((entry) => existsSync(join(root, entry.in)));

  await Promise.all([
    build({
      ...common,
      entryPoints: nodeEntries,
      outdir: dist,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: nodeExternals,
    }),
    existsSync(join(root, 'main/preload/preload.ts'))
      ? build({
          ...common,
          entryPoints: { 'preload/preload': 'main/preload/preload.ts' },
          outdir: dist,
          platform: 'node',
          target: 'chrome130',
          format: 'cjs',
          minify: true,
          external: ['electron'],
        })
      : Promise.resolve(),
    build({
      ...common,
      entryPoints: { 'renderer/app': 'renderer/main.tsx' },
      outdir: dist,
      platform: 'browser',
      target: 'chrome120',
      // ES modules with splitting: the Charts screen (recharts, d3) is a chunk loaded when it is first opened.
      format: 'esm',
      splitting: true,
      chunkNames: 'renderer/chunks/[name]-[hash]',
      jsx: 'automatic',
      minify: true,
      define: { 'process.env.NODE_ENV': '"production"' },
      plugins: [withoutZodLocales],
    }),
  ]);
  await copyFile(join(root, 'renderer/index.html'), join(dist, 'renderer/index.html'));
  await copyFile(join(root, 'renderer/styles.css'), join(dist, 'renderer/styles.css'));
  console.log(`built ${nodeEntries.length + 2} bundles into dist/`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});

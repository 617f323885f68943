import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((entry) => {
    const full = join(dir, entry);
    if (statSync(join(root, full)).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+|require\(\s*)['"]([^'"]+)['"]/g)].map((match) => match[1]!);
}

const nodeModules = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

describe('process boundaries (DESIGN.md)', () => {
  it('shared/ imports nothing from electron, node, the DOM, main/ or renderer/', () => {
    const offenders = sourceFiles('shared').flatMap((file) =>
      importsOf(file)
        .filter((spec) => nodeModules.has(spec) || spec === 'electron' || spec.includes('/main/') || spec.includes('/renderer/') || spec.startsWith('react'))
        .map((spec) => `${file}: ${spec}`),
    );
    assert.deepEqual(offenders, []);
    const domUse = sourceFiles('shared').filter((file) => /^(?!\s*(\/\/|\*|\/\*)).*\b(window|document)\.[a-z]/m.test(readFileSync(join(root, file), 'utf8')));
    assert.deepEqual(domUse, []);
  });

  it('renderer/ never imports main/, node or electron', () => {
    const offenders = sourceFiles('renderer').flatMap((file) =>
      importsOf(file)
        .filter((spec) => nodeModules.has(spec) || spec === 'electron' || spec === 'keytar' || /(^|\/)main\//.test(spec))
        .map((spec) => `${relative(root, file)}: ${spec}`),
    );
    assert.deepEqual(offenders, []);
  });

  it('only main/secrets imports keytar, and only main/app, main/ipc and main/preload import electron', () => {
    const files = sourceFiles('main');
    const keytarUsers = files.filter((file) => readFileSync(join(root, file), 'utf8').match(/require\('keytar'\)|from 'keytar'/));
    assert.ok(keytarUsers.every((file) => file.startsWith('main/secrets/')), keytarUsers.join(', '));
    const electronUsers = files.filter((file) => importsOf(file).includes('electron'));
    assert.ok(
      electronUsers.every((file) => /^main\/(app|ipc|preload)\//.test(file)),
      electronUsers.join(', '),
    );
  });
});

/**
 * The folders of main/, lowest first (DESIGN.md): a folder imports only from folders on lower levels. Folders on one
 * level do not import each other, except for the pairs in SIDEWAYS. preload/ stands apart: it imports only shared/.
 */
const FOLDER_LEVELS: readonly (readonly string[])[] = [
  ['base'],
  ['pools', 'secrets', 'store'],
  ['engine'],
  ['alerts', 'history'],
  ['core'],
  ['ipc', 'server', 'cli'],
  ['app'],
];

/** Imports allowed between folders of one level, each with its reason (also in the README's architecture screen). */
const SIDEWAYS: ReadonlyArray<{ from: string; to: string; why: string }> = [
  { from: 'cli', to: 'server', why: '`poolwatch serve` is a CLI command that starts the headless server' },
];

const LEVEL_OF = new Map(FOLDER_LEVELS.flatMap((folders, level) => folders.map((folder) => [folder, level] as const)));
const STANDALONE = new Set(['preload']);

/** The source file a relative import names (foo -> foo.ts, foo.tsx or foo/index.ts), or null for a package or a non-source file. */
function resolveImport(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = join(dirname(file), spec);
  const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) => existsSync(join(root, candidate)) && statSync(join(root, candidate)).isFile());
  return found ?? null;
}

/** The folder of main/ a file lies in ("engine" for main/engine/engine.ts), or null outside main/. */
function mainFolder(file: string): string | null {
  const parts = file.split(/[\\/]/);
  return parts[0] === 'main' && parts.length > 2 ? parts[1]! : null;
}

/** Every file of main/ with the main/ files it imports (type-only imports included: they tie the files together too). */
function mainImportGraph(): Map<string, Array<{ spec: string; target: string }>> {
  const graph = new Map<string, Array<{ spec: string; target: string }>>();
  for (const file of sourceFiles('main')) {
    const edges = importsOf(file).flatMap((spec) => {
      const target = resolveImport(file, spec);
      return target !== null && mainFolder(target) !== null ? [{ spec, target }] : [];
    });
    graph.set(file, edges);
  }
  return graph;
}

/** Why an import from one folder of main/ to another breaks the declared order, or null when it goes downwards. */
function layerViolation(from: string, to: string): string | null {
  if (from === to) return null;
  if (STANDALONE.has(from)) return `${from}/ imports only shared/`;
  if (STANDALONE.has(to)) return `${to}/ is imported by nothing in main/`;
  const fromLevel = LEVEL_OF.get(from);
  const toLevel = LEVEL_OF.get(to);
  if (fromLevel === undefined || toLevel === undefined) return `main/${fromLevel === undefined ? from : to}/ has no place in FOLDER_LEVELS`;
  if (fromLevel > toLevel) return null;
  if (fromLevel === toLevel) return SIDEWAYS.some((pair) => pair.from === from && pair.to === to) ? null : `${from} and ${to} share a level (sideways)`;
  return `${from} sits below ${to} (upwards)`;
}

/** One import cycle among the files (a path that ends where it started), or null when there is none. */
function findCycle(graph: ReadonlyMap<string, ReadonlyArray<{ target: string }>>): string[] | null {
  const done = new Set<string>();
  const onPath = new Map<string, number>();
  const path: string[] = [];
  const visit = (file: string): string[] | null => {
    onPath.set(file, path.length);
    path.push(file);
    for (const { target } of graph.get(file) ?? []) {
      const start = onPath.get(target);
      if (start !== undefined) return [...path.slice(start), target];
      if (!done.has(target)) {
        const cycle = visit(target);
        if (cycle) return cycle;
      }
    }
    path.pop();
    onPath.delete(file);
    done.add(file);
    return null;
  };
  for (const file of [...graph.keys()].sort()) {
    if (done.has(file)) continue;
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return null;
}

describe('main/ folder order (DESIGN.md: base < pools, secrets, store < engine < alerts, history < core < ipc, server, cli < app)', () => {
  it('every folder of main/ has its place in the order', () => {
    const folders = readdirSync(join(root, 'main')).filter((entry) => statSync(join(root, 'main', entry)).isDirectory());
    const unplaced = folders.filter((folder) => !LEVEL_OF.has(folder) && !STANDALONE.has(folder));
    assert.deepEqual(unplaced, [], 'add each new folder of main/ to FOLDER_LEVELS (and to the README architecture screen)');
    const loose = readdirSync(join(root, 'main')).filter((entry) => /\.(ts|tsx)$/.test(entry));
    assert.deepEqual(loose, [], 'every file of main/ belongs to a folder');
  });

  it('imports between folders of main/ go downwards only (or along a declared sideways pair)', () => {
    const offenders = [...mainImportGraph()].flatMap(([file, edges]) =>
      edges.flatMap(({ spec, target }) => {
        const why = layerViolation(mainFolder(file)!, mainFolder(target)!);
        return why === null ? [] : [`${file}: import '${spec}' (${why})`];
      }),
    );
    assert.deepEqual(offenders, []);
  });

  it('the check itself: it names upward and undeclared sideways imports and lets downward and declared ones pass', () => {
    assert.equal(layerViolation('engine', 'pools'), null);
    assert.equal(layerViolation('cli', 'server'), null);
    assert.match(layerViolation('store', 'engine') ?? '', /upwards/);
    assert.match(layerViolation('pools', 'secrets') ?? '', /sideways/);
    assert.match(layerViolation('server', 'cli') ?? '', /sideways/);
    assert.match(layerViolation('preload', 'base') ?? '', /only shared/);
    assert.match(layerViolation('newfolder', 'base') ?? '', /no place/);
  });

  it('no import cycle among the files of main/', () => {
    const cycle = findCycle(mainImportGraph());
    assert.equal(cycle, null, `import cycle: ${cycle?.join(' -> ')}`);
  });

  it('the cycle search finds a cycle that a chain of files closes, and none in a tree', () => {
    const edges = (pairs: Record<string, string[]>) => new Map(Object.entries(pairs).map(([file, targets]) => [file, targets.map((target) => ({ target }))]));
    assert.deepEqual(findCycle(edges({ a: ['b'], b: ['c'], c: ['b'] })), ['b', 'c', 'b']);
    assert.equal(findCycle(edges({ a: ['b', 'c'], b: ['c'], c: [] })), null);
  });
});

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
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
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)['"]([^'"]+)['"]/g)].map((match) => match[1]!);
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

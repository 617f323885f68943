import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diffWorkers } from '../../../main/engine/worker-diff';
import type { Worker } from '../../../shared/model';

const worker = (name: string, group = 'g', h10m: number | null = 1): Worker => ({
  name,
  group,
  state: 'online',
  hashrate: { h10m, h1h: 1, h24h: 1 },
  lastShareAt: null,
  rejectRate: null,
});

const names = (list: ReadonlyArray<{ name: string }>) => list.map((item) => item.name).sort();

describe('worker diff', () => {
  it('an unchanged list in the same order upserts and removes nothing', () => {
    const before = [worker('a'), worker('b'), worker('c')];
    const diff = diffWorkers(before, before.map((item) => ({ ...item, hashrate: { ...item.hashrate } })));
    assert.deepEqual(diff, { upserted: [], removed: [] });
  });

  it('a worker that became or stopped being "not hashing", nothing else changed, is upserted', () => {
    const idle = worker('a', 'g', 0);
    const marked = { ...idle, notHashingSince: '2026-06-01T12:00:00.000Z' };
    assert.deepEqual(names(diffWorkers([idle, worker('b')], [marked, worker('b')]).upserted), ['a']);
    assert.deepEqual(names(diffWorkers([marked, worker('b')], [idle, worker('b')]).upserted), ['a']);
  });

  it('finds changed, new and removed workers when the order changes', () => {
    const before = [worker('a'), worker('b'), worker('c'), worker('d')];
    const after = [worker('d'), worker('e'), worker('a', 'g', 5), worker('b')];
    const diff = diffWorkers(before, after);
    assert.deepEqual(names(diff.upserted), ['a', 'e']);
    assert.deepEqual(diff.removed, [{ group: 'g', name: 'c' }]);
  });

  it('tells workers of the same name in two groups apart', () => {
    const before = [worker('a', 'g1'), worker('a', 'g2')];
    const diff = diffWorkers(before, [worker('a', 'g2'), worker('a', 'g3')]);
    assert.deepEqual(diff.upserted.map((item) => item.group), ['g3']);
    assert.deepEqual(diff.removed, [{ group: 'g1', name: 'a' }]);
  });

  it('a list naming a worker twice neither hides a removal nor reports one twice', () => {
    const before = [worker('a'), worker('b'), worker('b')];
    const diff = diffWorkers(before, [worker('a'), worker('a'), worker('c')]);
    assert.deepEqual(diff.removed, [{ group: 'g', name: 'b' }]);
    assert.deepEqual(names(diff.upserted), ['c']);
  });

  it('a first poll upserts every worker; an empty poll removes every worker', () => {
    const list = [worker('a'), worker('b')];
    assert.deepEqual(names(diffWorkers([], list).upserted), ['a', 'b']);
    assert.deepEqual(names(diffWorkers(list, []).removed), ['a', 'b']);
  });
});

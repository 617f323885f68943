import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { HistoryUnavailableError, openHistoryDb } from '../../../main/store/history-db';

// The desktop app run from source loads an Electron build of SQLite from another path (build/electron-sqlite.mjs).
describe('history database with an explicit SQLite build', () => {
  it('opens with the addon at the given path', async () => {
    const packageDir = dirname(createRequire(__filename).resolve('better-sqlite3/package.json'));
    const db = openHistoryDb(join(await mkdtemp(join(tmpdir(), 'pw-native-')), 'history.sqlite'), {
      nativeBinding: join(packageDir, 'build', 'Release', 'better_sqlite3.node'),
    });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  });

  it('says the database cannot be opened, and why, when that build is missing', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'pw-native-')), 'history.sqlite');
    assert.throws(
      () => openHistoryDb(file, { nativeBinding: join(tmpdir(), 'no-such-dir', 'better_sqlite3.node') }),
      (error: unknown) => error instanceof HistoryUnavailableError && /cannot be opened/.test(error.message) && /keeps monitoring/.test(error.message),
    );
  });
});

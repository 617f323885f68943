import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmod, chown, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { HistoryMissingError, HistoryUnavailableError } from '../../../main/store/history-db';
import { openHistoryStores, readHistoryStores } from '../../../main/store/history-stores';
import { MIGRATIONS } from '../../../main/store/migrations';
import { MINUTE, T0, TH, fleet, pollOf, tempDbFile } from '../../support/sample-fixtures';

function unavailable(pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof HistoryUnavailableError, `a HistoryUnavailableError, not ${String(error)}`);
    assert.match(error.message, pattern);
    assert.match(error.message, /nothing on disk was changed/);
    return true;
  };
}

/** A history database holding one poll, closed. */
function withData(file: string): void {
  const stores = openHistoryStores(file);
  stores.samples.recordPoll(pollOf('farm', T0, fleet('a', 2, TH)));
  stores.close();
}

function polls(file: string): number {
  const db = new Database(file, { readonly: true });
  const count = db.prepare('SELECT COUNT(*) FROM series_sample').pluck().get() as number;
  db.close();
  return count;
}

const isRoot = process.getuid?.() === 0;
/** The unprivileged user Debian has everywhere. */
const NOBODY = 65534;

describe('opening the history database', () => {
  it('refuses a damaged file with a clear error and leaves its bytes alone', async () => {
    const file = await tempDbFile();
    const bytes = Buffer.concat([Buffer.from('SQLite format 3\u0000'), Buffer.alloc(4096, 0x5a)]);
    await writeFile(file, bytes);
    assert.throws(() => openHistoryStores(file), unavailable(/cannot be opened \(SQLITE_(NOTADB|CORRUPT)/));
    assert.deepEqual(await readFile(file), bytes);
    assert.deepEqual(await readdir(dirname(file)), ['history.sqlite'], 'no journal or WAL file left next to it');
  });

  it('refuses a database another program holds locked, and opens it untouched once the lock is gone', async () => {
    const file = await tempDbFile();
    withData(file);
    const holder = new Database(file);
    holder.pragma('journal_mode = DELETE');
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');
    assert.throws(() => openHistoryStores(file, { busyTimeoutMs: 0 }), unavailable(/SQLITE_BUSY/));
    holder.exec('COMMIT');
    holder.close();
    const stores = openHistoryStores(file, { busyTimeoutMs: 0 });
    stores.samples.recordPoll(pollOf('farm', T0 + MINUTE, fleet('a', 2, TH)));
    stores.close();
    assert.equal(polls(file), 4, 'the first poll (account and group) is still there, and the new one was added');
  });

  it('refuses at open, not at the first poll, a database another writer is in the middle of', async () => {
    const file = await tempDbFile();
    withData(file);
    const writer = new Database(file);
    writer.exec('BEGIN IMMEDIATE');
    assert.throws(() => openHistoryStores(file, { busyTimeoutMs: 0 }), unavailable(/SQLITE_BUSY/));
    writer.exec('ROLLBACK');
    writer.close();
    assert.equal(polls(file), 2);
  });

  it('refuses a folder that is not one', async () => {
    const file = await tempDbFile();
    await writeFile(dirname(file) + '/not-a-folder', 'x');
    assert.throws(() => openHistoryStores(join(dirname(file), 'not-a-folder', 'history.sqlite')), unavailable(/SQLITE_CANTOPEN/));
  });

  it('refuses a folder it may not write to, and a read-only database file', async () => {
    const file = await tempDbFile();
    const dir = dirname(file);
    const locked = join(dir, 'locked');
    await mkdir(locked);
    withData(file);
    // Root ignores file modes, so under root the opening runs as the unprivileged user "nobody".
    const asUser = isRoot ? { uid: NOBODY, gid: NOBODY } : {};
    if (isRoot) for (const path of [dir, file]) await chown(path, NOBODY, NOBODY);
    await chmod(locked, 0o500);
    await chmod(file, 0o400);
    const probe = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '..', '..', 'support', 'open-history-probe.ts'), join(locked, 'history.sqlite'), file], {
      encoding: 'utf8',
      cwd: join(__dirname, '..', '..', '..'),
      ...asUser,
    });
    assert.equal(probe.status, 0, probe.stderr);
    const [lockedFolder, readOnlyFile] = JSON.parse(probe.stdout) as Array<string | null>;
    assert.match(lockedFolder ?? 'it opened', /SQLITE_CANTOPEN.*nothing on disk was changed/s);
    assert.match(readOnlyFile ?? 'it opened', /SQLITE_READONLY.*nothing on disk was changed/s);
    await chmod(file, 0o600);
    assert.equal(polls(file), 2);
  });

  it('refuses a database whose tables are not what its version says, for the app and for the CLI', async () => {
    const file = await tempDbFile();
    const db = new Database(file);
    db.pragma(`user_version = ${MIGRATIONS.length}`); // claims the current schema, holds no table
    db.close();
    assert.throws(() => openHistoryStores(file), unavailable(/no such table/));
    assert.throws(
      () => readHistoryStores(file),
      (error: unknown) => error instanceof HistoryMissingError && /cannot be read \(.*no such table.*\)\. Nothing was changed/.test(error.message),
    );
  });
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DataFolderLockedError, LOCK_FILE_NAME, lockDataFolder } from '../../main/server/data-folder-lock';

/** The PID of a process that has already ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('data folder lock', () => {
  it('creates the lock with this PID and removes it on release', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-lock-'));
    const lock = lockDataFolder(dir);
    assert.equal(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8').trim(), String(process.pid));
    lock.release();
    assert.equal(existsSync(join(dir, LOCK_FILE_NAME)), false);
  });

  it('refuses a second lock while its holder runs, naming the PID and the folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-lock-'));
    const lock = lockDataFolder(dir);
    assert.throws(
      () => lockDataFolder(dir),
      (error: unknown) => error instanceof DataFolderLockedError && error.pid === process.pid && error.message.includes(`PID ${process.pid}`) && error.message.includes(dir),
    );
    lock.release();
    lockDataFolder(dir).release();
  });

  it('takes over the lock of a process that has ended, and an empty or garbled one', () => {
    for (const content of [`${deadPid()}\n`, '', 'not a pid']) {
      const dir = mkdtempSync(join(tmpdir(), 'pw-lock-'));
      writeFileSync(join(dir, LOCK_FILE_NAME), content);
      const lock = lockDataFolder(dir);
      assert.equal(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8').trim(), String(process.pid), `over ${JSON.stringify(content)}`);
      lock.release();
    }
  });

  it('release leaves a lock that another process has taken since', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-lock-'));
    const lock = lockDataFolder(dir);
    writeFileSync(join(dir, LOCK_FILE_NAME), '1\n');
    lock.release();
    assert.equal(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8'), '1\n');
  });

  it('creates a data folder that does not exist yet', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'pw-lock-')), 'nested', 'data');
    const lock = lockDataFolder(dir);
    assert.ok(existsSync(join(dir, LOCK_FILE_NAME)));
    lock.release();
  });
});

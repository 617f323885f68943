import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
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

  it('refuses the lock while the process holding it runs, naming the PID and the folder; takes it once that process ended', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-lock-'));
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const holderPid = holder.pid ?? 0;
    try {
      const held = lockDataFolder(dir, holderPid);
      assert.throws(
        () => lockDataFolder(dir),
        (error: unknown) => error instanceof DataFolderLockedError && error.pid === holderPid && error.message.includes(`PID ${holderPid}`) && error.message.includes(dir),
      );
      assert.equal(readFileSync(held.file, 'utf8').trim(), String(holderPid), 'the holder keeps its lock');
    } finally {
      await new Promise((resolve) => {
        holder.once('exit', resolve);
        holder.kill();
      });
    }
    const lock = lockDataFolder(dir);
    assert.equal(readFileSync(lock.file, 'utf8').trim(), String(process.pid));
    lock.release();
  });

  it("takes over a lock naming this process's own PID (a restarted container reusing it)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-lock-'));
    writeFileSync(join(dir, LOCK_FILE_NAME), `${process.pid}\n`);
    lockDataFolder(dir).release();
    assert.equal(existsSync(join(dir, LOCK_FILE_NAME)), false);
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

  it('lets exactly one of several processes racing for a stale lock have it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pw-lock-'));
    writeFileSync(join(dir, LOCK_FILE_NAME), `${deadPid()}\n`);
    const script =
      `const { lockDataFolder } = require(${JSON.stringify(join(__dirname, '../../main/server/data-folder-lock.ts'))});` +
      `try { lockDataFolder(process.argv[1]); console.log('won'); setTimeout(() => {}, 1500); } catch (e) { console.log(e.name); }`;
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => {
        const child = spawn(process.execPath, ['--import', 'tsx', '-e', script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        return new Promise<string>((resolve) => child.once('exit', () => resolve(out.trim())));
      }),
    );
    assert.equal(outcomes.filter((outcome) => outcome === 'won').length, 1, outcomes.join(', '));
    assert.equal(outcomes.filter((outcome) => outcome === 'DataFolderLockedError').length, 4, outcomes.join(', '));
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

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runServeToExit, startServeProcess } from '../support/serve-process';
import { waitFor } from '../support/wait-for';

// Two `serve` on one data folder would poll twice and notify twice: the second one must refuse to start.

describe('poolwatch serve: one instance per data folder', () => {
  it('a second serve on the same data folder exits 1, naming the PID that holds it and the folder', async () => {
    const first = await startServeProcess();
    try {
      const lockFile = join(first.dataDir, 'poolwatch.lock');
      assert.equal(readFileSync(lockFile, 'utf8').trim(), String(first.pid));
      const second = await runServeToExit(first.configFile, first.dataDir);
      assert.equal(second.code, 1, `second serve: ${second.stdout}${second.stderr}`);
      assert.match(second.stderr, new RegExp(`PID ${first.pid}\\b`));
      assert.ok(second.stderr.includes(first.dataDir), second.stderr);
      assert.doesNotMatch(second.stdout, /Open http/);
      assert.equal(first.exitCode(), null, 'the first one keeps running');
    } finally {
      await first.stop();
    }
    assert.equal(existsSync(join(first.dataDir, 'poolwatch.lock')), false, 'a clean stop removes the lock');
  });

  it('takes over the lock left by a process that has ended', async () => {
    const first = await startServeProcess();
    await first.stop();
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    writeFileSync(join(first.dataDir, 'poolwatch.lock'), `${dead}\n`);
    const second = await startServeProcess({ configFile: first.configFile, dataDir: first.dataDir });
    try {
      assert.equal(readFileSync(join(first.dataDir, 'poolwatch.lock'), 'utf8').trim(), String(second.pid));
    } finally {
      await second.stop();
    }
  });

  it('still starts, with a warning, where the data folder cannot hold a lock (history then stays in memory)', async () => {
    const first = await startServeProcess();
    await first.stop();
    const notAFolder = join(first.dataDir, 'a-file');
    writeFileSync(notAFolder, 'x');
    const serve = await startServeProcess({ configFile: first.configFile, dataDir: notAFolder });
    try {
      await waitFor(() => /Warning: could not lock the data folder .*a-file/.test(serve.stderr()), 5_000, `the warning in ${serve.stderr()}`);
      assert.equal(serve.exitCode(), null);
    } finally {
      await serve.stop();
    }
  });
});

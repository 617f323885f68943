import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runServeToExit, startServeProcess } from '../support/serve-process';

// `serve --token-file FILE` keeps one access token across restarts, for bookmarks and scripts (issue 12; issue 13's
// /metrics scrapes rely on it too). The file is made 0600 and refused, like an ssh key, when others could read it.

async function snapshotStatus(port: number, token: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/api/snapshot`, { headers: { Authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  return response.status;
}

function freshFolder(): { dir: string; configFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pw-token-file-'));
  const configFile = join(dir, 'config.json');
  writeFileSync(configFile, JSON.stringify({ accounts: [] }));
  return { dir, configFile };
}

describe('poolwatch serve --token-file', () => {
  it('creates the file 0600 with a random token, and serves the same token after a restart', async () => {
    const { dir, configFile } = freshFolder();
    const tokenFile = join(dir, 'secrets', 'serve.token');
    const first = await startServeProcess({ configFile, dataDir: dir, args: ['--token-file', tokenFile] });
    let token: string;
    try {
      token = readFileSync(tokenFile, 'utf8').trim();
      assert.match(token, /^[0-9a-f]{48}$/);
      assert.equal(statSync(tokenFile).mode & 0o777, 0o600);
      assert.equal(first.token, token, 'the printed link carries the token from the file');
      assert.match(first.stdout(), new RegExp(`kept in ${tokenFile.replace(/[.]/g, '\\.')}`));
      assert.equal(await snapshotStatus(first.port, token), 200);
    } finally {
      await first.stop();
    }
    const second = await startServeProcess({ configFile, dataDir: dir, args: ['--token-file', tokenFile] });
    try {
      assert.equal(second.token, token, 'a restart keeps the token');
      assert.equal(await snapshotStatus(second.port, token), 200);
      assert.equal(await snapshotStatus(second.port, 'f'.repeat(48)), 401);
    } finally {
      await second.stop();
    }
  });

  it('uses a token the user wrote into the file', async () => {
    const { dir, configFile } = freshFolder();
    const tokenFile = join(dir, 'mine.token');
    const chosen = 'my-own-scrape-token_0123456789.abcdef~XYZ';
    writeFileSync(tokenFile, `${chosen}\n`, { mode: 0o600 });
    const serve = await startServeProcess({ configFile, dataDir: dir, args: ['--token-file', tokenFile] });
    try {
      assert.equal(await snapshotStatus(serve.port, chosen), 200);
    } finally {
      await serve.stop();
    }
  });

  it('refuses a token file other users can read: exit 1, the fix named, the token never printed', async () => {
    const { dir, configFile } = freshFolder();
    const tokenFile = join(dir, 'open.token');
    const token = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718';
    writeFileSync(tokenFile, `${token}\n`);
    chmodSync(tokenFile, 0o640);
    const result = await runServeToExit(configFile, dir, {}, ['--token-file', tokenFile]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.ok(result.stderr.includes(`Permissions 0640 for the token file ${tokenFile} are too open`), result.stderr);
    assert.ok(result.stderr.includes(`chmod 600 ${tokenFile}`), result.stderr);
    assert.doesNotMatch(result.stdout, /Open http/);
    assert.ok(!(result.stdout + result.stderr).includes(token), 'the token is not printed');
  });

  it('refuses a file that holds no usable token, without quoting it', async () => {
    const { dir, configFile } = freshFolder();
    const tokenFile = join(dir, 'wrong.token');
    const pasted = 'short secret pasted here';
    writeFileSync(tokenFile, pasted, { mode: 0o600 });
    const result = await runServeToExit(configFile, dir, {}, ['--token-file', tokenFile]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stderr, /does not hold a usable token/);
    assert.ok(!(result.stdout + result.stderr).includes(pasted));
  });
});

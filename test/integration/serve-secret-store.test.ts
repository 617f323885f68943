import assert from 'node:assert/strict';
import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { spawnServe, startServeProcess, runServeToExit } from '../support/serve-process';

// `poolwatch serve` on a machine without a Secret Service (issue 12): it picks the encrypted secrets file on its own,
// says so at start, and refuses, like ssh, a secrets or key file other users could read.

/** A session bus that leads nowhere: what a plain server without a desktop session has. */
const NO_SECRET_SERVICE = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/poolwatch-bus', DISPLAY: '' };

describe('poolwatch serve without a Secret Service', () => {
  it('uses the encrypted secrets file, says so, and refuses it (or its key) once other users can read it', async () => {
    const serve = await startServeProcess({ env: NO_SECRET_SERVICE });
    const secretsFile = join(serve.dataDir, 'secrets.enc');
    const keyFile = join(serve.dataDir, 'secrets.key');
    try {
      assert.match(serve.stdout(), new RegExp(`Secrets: the encrypted file ${secretsFile.replace(/[.]/g, '\\.')}, key from the secrets key file ${keyFile.replace(/[.]/g, '\\.')} \\(no system keychain: `));
      assert.equal(statSync(secretsFile).mode & 0o777, 0o600);
      assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    } finally {
      await serve.stop();
    }

    chmodSync(secretsFile, 0o644);
    const open = await runServeToExit(serve.configFile, serve.dataDir, NO_SECRET_SERVICE);
    assert.equal(open.code, 1, open.stdout + open.stderr);
    assert.ok(open.stderr.includes(`Permissions 0644 for the secrets file ${secretsFile} are too open`), open.stderr);
    assert.ok(open.stderr.includes(`Fix: chmod 600 ${secretsFile}`), open.stderr);
    assert.doesNotMatch(open.stdout, /Open http/);

    chmodSync(secretsFile, 0o600);
    chmodSync(keyFile, 0o640);
    const openKey = await runServeToExit(serve.configFile, serve.dataDir, NO_SECRET_SERVICE);
    assert.equal(openKey.code, 1, openKey.stdout + openKey.stderr);
    assert.ok(openKey.stderr.includes(`chmod 600 ${keyFile}`), openKey.stderr);

    chmodSync(keyFile, 0o600);
    const again = await startServeProcess({ configFile: serve.configFile, dataDir: serve.dataDir, env: NO_SECRET_SERVICE });
    await again.stop();
    assert.match(again.stdout(), /the data folder holds it: secrets saved earlier are there/);
  });

  it('a wrong POOLWATCH_SECRETS_KEY stops serve with a clear message, never the key', async () => {
    const serve = await startServeProcess({ env: { ...NO_SECRET_SERVICE, POOLWATCH_SECRETS_KEY: 'the-first-key-of-enough-length' } });
    await serve.stop();
    assert.match(serve.stdout(), /key from the environment variable POOLWATCH_SECRETS_KEY \(POOLWATCH_SECRETS_KEY is set\)/);
    const child = spawnServe(serve.configFile, serve.dataDir, { ...NO_SECRET_SERVICE, POOLWATCH_SECRETS_KEY: 'another-key-of-enough-length-9q' });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 1, stderr);
    assert.match(stderr, /The key from the environment variable POOLWATCH_SECRETS_KEY does not open the secrets file/);
    assert.ok(!stderr.includes('another-key-of-enough-length-9q'));
  });
});

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { DebugLogger, log } from 'builder-util';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';

const root = join(__dirname, '..', '..', '..');
// electron-builder logs ("loaded configuration") straight to stdout, where the test runner's child process sends
// its reports, and can garble one: its log writes to a sink instead.
(log as unknown as { stream: NodeJS.WritableStream }).stream = new Writable({ write: (_chunk, _encoding, done) => done() });

// electron-builder's own loader and schema: a misspelt fuse name fails here, not in a release build.
async function loadConfig() {
  const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder.yml', () => {
  it("is valid for the installed electron-builder's schema", async () => {
    await loadConfig();
  });

  it('flips the fuses: no run-as-node, no NODE_OPTIONS, no --inspect, asar only and checked, no file: extras', async () => {
    const config = await loadConfig();
    assert.deepEqual(config.electronFuses, {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app into an asar archive with its integrity embedded, which the asar fuses need', async () => {
    const config = await loadConfig();
    assert.notEqual(config.asar, false);
    assert.notEqual(config.disableAsarIntegrity, true);
  });
});

/**
 * A stand-in for an Electron binary: filler, @electron/fuses' sentinel, wire version 1, eight fuses ('1' on,
 * '0' off, in FuseV1Options order: RunAsNode, CookieEncryption, NodeOptions, CliInspect, AsarIntegrity,
 * OnlyLoadAppFromAsar, V8Snapshot, GrantFileProtocolExtraPrivileges), filler.
 */
function fakeElectron(fuses: string): Buffer {
  const filler = Buffer.alloc(64, 0x2e);
  return Buffer.concat([filler, Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, fuses.length]), Buffer.from(fuses), filler]);
}

describe('build/check-fuses.mjs (run by CI on the packaged Linux binary)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'poolwatch-fuses-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function check(fuses: string) {
    const binary = join(dir, `electron-${fuses}`);
    await writeFile(binary, fakeElectron(fuses));
    return spawnSync(process.execPath, [join(root, 'build', 'check-fuses.mjs'), binary], { encoding: 'utf8' });
  }

  it('passes a binary whose fuses are as declared', async () => {
    const result = await check('01001100');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /as electron-builder\.yml declares/);
  });

  it("fails Electron's stock fuses, naming each one that differs", async () => {
    const result = await check('10110001');
    assert.equal(result.status, 1);
    for (const name of ['RunAsNode', 'EnableCookieEncryption', 'EnableNodeOptionsEnvironmentVariable', 'EnableNodeCliInspectArguments', 'EnableEmbeddedAsarIntegrityValidation', 'OnlyLoadAppFromAsar', 'GrantFileProtocolExtraPrivileges']) {
      assert.match(result.stderr, new RegExp(`${name} is (on|off), electron-builder\\.yml says (on|off)`), name);
    }
  });

  it('fails a binary with no fuse wire', async () => {
    const binary = join(dir, 'not-electron');
    await writeFile(binary, 'not electron');
    const result = spawnSync(process.execPath, [join(root, 'build', 'check-fuses.mjs'), binary], { encoding: 'utf8' });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /sentinel/);
  });
});

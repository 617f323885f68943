import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DebugLogger } from 'builder-util';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';

const root = join(__dirname, '..', '..', '..');

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

  it('packs the app into an asar archive, which the asar fuses need', async () => {
    const config = await loadConfig();
    assert.notEqual(config.asar, false);
  });
});

// After `npm run dist`: reads the fuse wire of a packaged Electron binary and fails unless every fuse that
// electron-builder.yml's electronFuses declares is set that way in it. The CI packaging job runs it on the Linux build:
//   node build/check-fuses.mjs release/linux-unpacked/poolwatch
// @electron/fuses comes with electron-builder (it flips the fuses with it); CommonJS, so no named imports, and
// its FuseState (the byte values on the wire) is not re-exported from the package's main module.
import electronFuses from '@electron/fuses';
import fuseConstants from '@electron/fuses/dist/constants.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const { FuseV1Options, getCurrentFuseWire } = electronFuses;
const { FuseState } = fuseConstants;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function stateName(state) {
  const names = { [FuseState.ENABLE]: 'on', [FuseState.DISABLE]: 'off', [FuseState.REMOVED]: 'removed', [FuseState.INHERIT]: 'inherited' };
  return names[state] ?? 'absent';
}

/** What differs between the declared fuses ({ runAsNode: false, … }) and a binary's wire; empty when they agree. */
function fuseMismatches(declared, wire) {
  const problems = [];
  for (const [key, wanted] of Object.entries(declared)) {
    if (key === 'resetAdHocDarwinSignature') continue; // a signing option, not a fuse
    const name = key[0].toUpperCase() + key.slice(1);
    const option = FuseV1Options[name];
    if (option === undefined) {
      problems.push(`${key}: not a fuse @electron/fuses knows`);
      continue;
    }
    const expected = wanted ? FuseState.ENABLE : FuseState.DISABLE;
    if (wire[option] !== expected) problems.push(`${name} is ${stateName(wire[option])}, electron-builder.yml says ${stateName(expected)}`);
  }
  return problems;
}

async function main() {
  const binary = process.argv[2];
  if (!binary) throw new Error('usage: node build/check-fuses.mjs <packaged electron binary>');
  const { getConfig } = await import('app-builder-lib/out/util/config/config.js');
  const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
  if (!config.electronFuses) throw new Error('electron-builder.yml declares no electronFuses');
  const problems = fuseMismatches(config.electronFuses, await getCurrentFuseWire(binary));
  if (problems.length > 0) throw new Error(`fuses of ${binary}:\n  ${problems.join('\n  ')}`);
  console.log(`fuses of ${binary}: as electron-builder.yml declares (${Object.keys(config.electronFuses).join(', ')})`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}

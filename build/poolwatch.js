#!/usr/bin/env node
// The CLI is built to dist/main/cli.js by `npm run build`.
try {
  require('../dist/main/cli.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/main/cli.js')) {
    process.stderr.write('poolwatch: not built yet. Run `npm run build` in the PoolWatch folder first.\n');
    process.exit(1);
  }
  throw error;
}

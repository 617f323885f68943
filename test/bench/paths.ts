import { join } from 'node:path';

// The bench runs as one bundle (build/bench.mjs), like the app it measures: the launcher says where the repository
// and the bundled CLI are, since a bundle's own folder is not the source's.

export const REPO_ROOT = process.env.POOLWATCH_REPO_ROOT ?? join(__dirname, '..', '..');

/** The bundled CLI (`poolwatch serve` as shipped); without it, the CLI from source through tsx. */
export const BUNDLED_CLI = process.env.POOLWATCH_BENCH_CLI;

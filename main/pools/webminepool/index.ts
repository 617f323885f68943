// The WebMinePool adapter: balance, unpaid hashes and site users, with rates derived from their hash counts.
export { createWebMinePoolAdapter } from './webminepool-adapter';

export * from './hashrate';
export * from './worker';
export * from './group';
export * from './money';
export * from './account';
export * from './credentials';
export * from './history';

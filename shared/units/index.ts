export * from './hashrate-format';
export * from './time-format';

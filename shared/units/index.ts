export * from './hashrate-format';
export * from './time-format';
export * from './cut-text';

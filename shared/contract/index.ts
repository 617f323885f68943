export * from './schemas';
export * from './channels';
export * from './envelope';
export * from './api';
export * from './alert-settings';
export * from './alert-schemas';
export * from './history-schemas';
export * from './iso-time';

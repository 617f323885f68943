// The Spider Pool adapter: signed requests, subaccount+coin groups, workers, history and profits.
export { createSpiderAdapter } from './spider-adapter';

// Stratumsphere (HASH Scheduler marketplace): schedulers become groups, their rentals the workers.
export { createStratumsphereAdapter, MAX_RENTALS_PER_POLL } from './stratumsphere-adapter';

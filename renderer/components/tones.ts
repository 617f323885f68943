import type { AccountStatus, WorkerState } from '../../shared/model';

/** The four colours the UI uses: ok green, warning amber, problem red, unknown grey. */
export type Tone = 'ok' | 'warning' | 'problem' | 'unknown';

export const ACCOUNT_STATUS_LABELS: Record<AccountStatus, string> = {
  pending: 'waiting for first poll',
  ok: 'ok',
  permission_limited: 'permission limited',
  auth_error: 'key rejected',
  unreachable: 'unreachable',
  error: 'error',
};

export const ACCOUNT_STATUS_TONES: Record<AccountStatus, Tone> = {
  pending: 'unknown',
  ok: 'ok',
  permission_limited: 'warning',
  auth_error: 'problem',
  unreachable: 'warning',
  error: 'problem',
};

/** The colour of "online, not hashing" (its own, violet: tone-idle / tone-text-idle in styles.css). */
export const NOT_HASHING_TONE = 'idle';

export const WORKER_STATE_TONES: Record<WorkerState, Tone> = {
  online: 'ok',
  offline: 'warning',
  dead: 'problem',
  unknown: 'unknown',
};

/**
 * Why a poll failed, in terms the engine maps to an account status:
 * auth -> auth_error, permission -> permission_limited (when partial) or error,
 * unreachable / rate_limited / server -> unreachable, bad_response / pool_error / config -> error.
 */
export type PoolErrorKind =
  | 'auth'
  | 'permission'
  | 'unreachable'
  | 'rate_limited'
  | 'server'
  | 'bad_response'
  | 'pool_error'
  | 'config';

/** A failure with a message fit for the user: what happened and what they can do. Never holds a secret. */
export class PoolError extends Error {
  constructor(
    readonly kind: PoolErrorKind,
    message: string,
    readonly details: { httpStatus?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'PoolError';
  }
}

export function isPoolError(error: unknown): error is PoolError {
  return error instanceof PoolError;
}

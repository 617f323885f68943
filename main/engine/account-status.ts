import type { AccountStatus } from '../../shared/model';
import type { PoolErrorKind } from '../base/pool-error';

/** Which account status a kind of poll failure shows as. */
export const STATUS_BY_ERROR_KIND: Record<PoolErrorKind, AccountStatus> = {
  auth: 'auth_error',
  permission: 'permission_limited',
  unreachable: 'unreachable',
  rate_limited: 'unreachable',
  server: 'unreachable',
  bad_response: 'error',
  pool_error: 'error',
  config: 'error',
};

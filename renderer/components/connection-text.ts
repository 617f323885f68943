import type { ConnectionState } from '../api/connection-state';

export function connectionText(connection: ConnectionState, nowMs: number): string {
  if (connection.status === 'open') return 'Connected';
  if (connection.status === 'connecting') return 'Connecting…';
  if (connection.problem === 'token-rejected') return 'Token rejected';
  if (connection.retryAtMs === null) return 'Disconnected';
  const seconds = Math.max(0, Math.ceil((connection.retryAtMs - nowMs) / 1000));
  return `Disconnected — retrying in ${seconds} s`;
}

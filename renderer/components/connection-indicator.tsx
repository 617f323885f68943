import { useConnectionStore } from '../state/app-stores';
import { connectionText } from './connection-text';
import { useNow } from './use-now';

export function ConnectionIndicator() {
  const connection = useConnectionStore((state) => state.connection);
  const now = useNow(1_000);
  const tone = connection.status === 'open' ? 'ok' : connection.status === 'connecting' ? 'unknown' : 'problem';
  return (
    <span className={`connection tone-text-${tone}`} data-testid="connection-status" data-status={connection.status} role="status">
      <span className={`dot tone-${tone}`} aria-hidden="true" />
      {connectionText(connection, now)}
    </span>
  );
}

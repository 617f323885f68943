import { useEffect, useState } from 'react';
import {
  POOL_ACTION_LABELS,
  poolActionPreview,
  poolActionText,
  type AccountSummary,
  type PoolAction,
  type PoolActionGroup,
  type PoolActionOffer,
  type PoolActionResult,
} from '../../../shared/model';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';

/**
 * Changes on the pool (SBI: clear inactive workers, switch a subaccount's coin), shown only when the pool said this
 * key may make them. Each shows exactly what will change and asks to confirm; the pool's answer is shown after.
 */
export function PoolActionsSection({ account }: { account: Pick<AccountSummary, 'id' | 'label' | 'status' | 'lastGoodAt'> }) {
  const api = useApi();
  const [offer, setOffer] = useState<PoolActionOffer | null>(null);
  const [revision, setRevision] = useState(0);
  const lastGoodAt = account.lastGoodAt;

  // Asked again after every good poll, so counts (dead workers after a clear) follow the pool; the engine keeps the
  // key's permission for ten minutes, so this costs no request to the pool.
  useEffect(() => {
    let current = true;
    if (lastGoodAt === null) return;
    api.actions
      .offer({ accountId: account.id })
      .then((answer) => current && setOffer(answer))
      // No offer, no buttons: the card says nothing rather than guess what the key may do.
      .catch(() => current && setOffer(null));
    return () => {
      current = false;
    };
  }, [api, account.id, account.status, lastGoodAt, revision]);

  if (offer === null || !offer.allowed) return null;
  return (
    <section className="card-section pool-actions" data-testid={`pool-actions-${account.id}`}>
      <h3>Pool actions</h3>
      <ul className="pool-action-groups">
        {offer.groups.map((group) => (
          <PoolActionGroupRow key={group.name} accountId={account.id} group={group} onDone={() => setRevision((value) => value + 1)} />
        ))}
      </ul>
    </section>
  );
}

function PoolActionGroupRow({ accountId, group, onDone }: { accountId: string; group: PoolActionGroup; onDone(): void }) {
  const api = useApi();
  const otherCoins = group.coins.filter((coin) => coin !== group.coin);
  const [coin, setCoin] = useState(otherCoins[0] ?? '');
  const [pending, setPending] = useState<PoolAction | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<PoolActionResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  function ask(action: PoolAction) {
    setPending(action);
    setResult(null);
    setError(null);
  }

  async function confirm(action: PoolAction) {
    setRunning(true);
    try {
      setResult(await api.actions.run({ accountId, action }));
      onDone();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setRunning(false);
      setPending(null);
    }
  }

  return (
    <li className="pool-action-group" data-testid={`pool-action-group-${group.name}`}>
      <p>
        <strong>{group.name}</strong> <span className="muted">mines {group.coin ?? 'an unknown coin'}</span>
      </p>
      <div className="pool-action-buttons">
        <button type="button" disabled={running || group.deadWorkers === 0} onClick={() => ask({ kind: 'clear-inactive-workers', group: group.name })}>
          {POOL_ACTION_LABELS['clear-inactive-workers']} ({group.deadWorkers})
        </button>
        {otherCoins.length > 0 && (
          <span className="pool-action-switch">
            <label className="visually-hidden" htmlFor={`switch-${accountId}-${group.name}`}>
              Coin for {group.name}
            </label>
            <select id={`switch-${accountId}-${group.name}`} value={coin} onChange={(event) => setCoin(event.target.value)} disabled={running}>
              {otherCoins.map((candidate) => (
                <option key={candidate} value={candidate}>
                  {candidate}
                </option>
              ))}
            </select>
            <button type="button" disabled={running || coin === ''} onClick={() => ask({ kind: 'switch-coin', group: group.name, coin })}>
              {POOL_ACTION_LABELS['switch-coin']}
            </button>
          </span>
        )}
      </div>
      {pending !== null && (
        <div className="confirm pool-action-confirm" role="group" aria-label={`Confirm: ${poolActionText(pending)}`} data-testid="pool-action-confirm">
          <p>
            <strong>{poolActionText(pending)}?</strong>
          </p>
          {poolActionPreview(pending, group).map((line) => (
            <p key={line}>{line}</p>
          ))}
          <div className="pool-action-buttons">
            <button type="button" className="danger" disabled={running} onClick={() => void confirm(pending)}>
              {running ? 'Sending…' : 'Yes, send to the pool'}
            </button>
            <button type="button" className="quiet" disabled={running} onClick={() => setPending(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {result !== null && (
        <p className={`banner tone-${result.ok ? 'ok' : 'problem'}`} role="status" data-testid="pool-action-result" data-ok={String(result.ok)}>
          {result.message}
        </p>
      )}
      {error !== null && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

import type { UnreadableAccount } from '../../../shared/contract';
import { POOLS } from '../../../shared/model';
import { unreadableAccountText } from '../../components/unreadable-text';

/** Says that an account's latest data could not be read, and what the person can expect. */
export function UnreadableNotice({ notice, hasLastGood }: { notice: UnreadableAccount; hasLastGood: boolean }) {
  return (
    <div className="unreadable-notice" role="alert" data-testid={`account-unreadable-${notice.id}`}>
      <p>{unreadableAccountText(notice)}</p>
      <p className="muted">
        {hasLastGood ? 'The figures below are the last ones it could read. ' : ''}
        Your other accounts are not affected. The card comes back by itself when this account&apos;s data reads again; if
        it does not, the pool may be sending values PoolWatch cannot handle.
      </p>
    </div>
  );
}

/** The card of an account of which PoolWatch has nothing readable yet. */
export function UnreadableAccountCard({ notice }: { notice: UnreadableAccount }) {
  return (
    <article className="card account-card unreadable-card" data-testid={`account-card-${notice.id}`} data-unreadable="true">
      <header className="account-card-header">
        <div>
          <h2>{notice.label}</h2>
          {notice.pool !== null && <p className="muted">{POOLS[notice.pool].name}</p>}
        </div>
        <span className="badge tone-problem">Unreadable data</span>
      </header>
      <UnreadableNotice notice={notice} hasLastGood={false} />
    </article>
  );
}

import { useState } from 'react';
import type { ActiveAlertView } from '../../../shared/contract';
import type { AccountSummary } from '../../../shared/model';
import { ACCOUNT_STATUS_LABELS } from '../../components/tones';
import { routeHref } from '../../state/route';
import { ruleLabel, scopeText } from '../alerts/active-alerts';
import { SeverityBadge } from '../alerts/severity-badge';
import type { AttentionItem } from './account-attention';
import { accountCardId } from './account-card';
import { cardMessage } from './card-message';
import { staleMarkerText } from './staleness';

/** Lines shown before "Show all": a fleet-wide outage can fire hundreds of alerts. */
const FIRST_ITEMS = 8;

/** The problems first: firing alerts, failing accounts and stale data, worst first, each one click from its details. */
export function NeedsAttention({
  items,
  nowMs,
  alertsError,
}: {
  items: readonly AttentionItem[];
  nowMs: number;
  /** Why the alerts could not be loaded: the list then holds accounts only, and says so. */
  alertsError: string | null;
}) {
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? items : items.slice(0, FIRST_ITEMS);
  return (
    <section className="card needs-attention" aria-labelledby="needs-attention-title" data-testid="needs-attention" data-count={items.length}>
      <h2 id="needs-attention-title">
        Needs attention <span className="muted heading-note">{items.length === 0 ? 'nothing' : items.length}</span>
      </h2>
      {alertsError !== null && (
        <p className="inline-error" role="alert">
          Could not load the alerts ({alertsError}); only account problems are listed.
        </p>
      )}
      {items.length === 0 ? (
        <p className="muted" data-testid="nothing-needs-attention">
          Every account answers and no alert is firing.
        </p>
      ) : (
        <ul className="attention-list">
          {shown.map((item) => (
            <li key={item.key} className="attention-item" data-testid="attention-item" data-kind={item.kind} data-severity={item.severity}>
              <AttentionLine item={item} nowMs={nowMs} />
            </li>
          ))}
        </ul>
      )}
      {shown.length < items.length && (
        <button type="button" onClick={() => setShowAll(true)}>
          Show all {items.length}
        </button>
      )}
    </section>
  );
}

function AttentionLine({ item, nowMs }: { item: AttentionItem; nowMs: number }) {
  switch (item.kind) {
    case 'alert':
      return <AlertLine alert={item.alert} />;
    case 'failing':
      return (
        <>
          <SeverityBadge severity={item.severity} />
          <span className="attention-text">
            <strong>{item.account.label}</strong>: {ACCOUNT_STATUS_LABELS[item.account.status]}
            {cardMessage(item.account) !== null && <span className="muted"> — {cardMessage(item.account)}</span>}
          </span>
          <span className="attention-links">
            <a href={routeHref({ screen: 'accounts', adding: false, editId: item.account.id })} data-testid={`attention-edit-${item.account.id}`}>
              Edit account
            </a>
            <ShowCard account={item.account} />
          </span>
        </>
      );
    case 'stale':
      return (
        <>
          <SeverityBadge severity={item.severity} />
          <span className="attention-text">
            <strong>{item.account.label}</strong>: {staleMarkerText(item.account.lastGoodAt, nowMs)}
          </span>
          <span className="attention-links">
            <ShowCard account={item.account} />
          </span>
        </>
      );
  }
}

function AlertLine({ alert }: { alert: ActiveAlertView }) {
  return (
    <>
      <SeverityBadge severity={alert.severity} />
      <span className="attention-text">
        <strong>{ruleLabel(alert.ruleId)}</strong> · {scopeText(alert.scope)}
        <span className="muted"> — {alert.message}</span>
      </span>
      <span className="attention-links">
        <a href={routeHref({ screen: 'alerts', view: 'list', alertKey: alert.key })} data-testid="attention-open-alert" data-key={alert.key}>
          Open alert
        </a>
      </span>
    </>
  );
}

/** Brings the account's card (further down this screen) into view and focuses it. */
function ShowCard({ account }: { account: Pick<AccountSummary, 'id' | 'label'> }) {
  return (
    <button
      type="button"
      className="link-button"
      data-testid={`attention-card-${account.id}`}
      onClick={() => {
        const card = document.getElementById(accountCardId(account.id));
        card?.scrollIntoView({ block: 'start' });
        card?.focus({ preventScroll: true });
      }}
    >
      Show card
    </button>
  );
}

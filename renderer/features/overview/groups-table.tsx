import type { AccountSummary } from '../../../shared/model';
import { formatHashrate, unitSystemFor } from '../../../shared/units';
import { discoverAttributeColumns, formatAttributeValue } from '../../components/attributes';
import { unitSystemNote } from '../../components/hashrate-units';
import { WorkerCountsLine } from '../../components/worker-counts-line';
import { useAppSettings } from '../../state/settings-store';
import { capitalize, termsFor } from '../pool-terms';
import { currentHashrateHps } from './overview-totals';

/** An account's groups in its pool's words (subaccounts, sites, schedulers), with the pool's own facts as extra columns. */
export function GroupsTable({ account }: { account: AccountSummary }) {
  const terms = termsFor(account.pool);
  const system = unitSystemFor(account.pool, useAppSettings().units);
  const attributes = discoverAttributeColumns(account.groups);
  return (
    <section className="card-section">
      <h3>
        {capitalize(terms.group.many)}
        {terms.groupsNote !== null && <span className="muted heading-note"> · {terms.groupsNote}</span>}
      </h3>
      <div className="table-scroll">
        <table className="compact-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Coin</th>
              <th scope="col">Hashrate</th>
              <th scope="col">{capitalize(terms.worker.many)}</th>
              {attributes.map((column) => (
                <th scope="col" key={column.label} className={column.numeric ? 'number' : undefined}>
                  {column.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {account.groups.map((group) => (
              <tr key={`${group.name}\u0000${group.coin ?? ''}`}>
                <TextCell text={group.name} />
                <td>{group.coin ?? '—'}</td>
                <td title={unitSystemNote(system) ?? undefined}>
                  {formatHashrate(currentHashrateHps(group.hashrate), system)}
                </td>
                <td>
                  <WorkerCountsLine counts={group.workers} />
                </td>
                {attributes.map((column) => (
                  <AttributeCell key={column.label} text={formatAttributeValue(group.attributes?.[column.label], column.kind, system)} numeric={column.numeric} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A figure stays on one line. */
function AttributeCell({ text, numeric }: { text: string; numeric: boolean }) {
  return numeric ? <td className="number">{text}</td> : <TextCell text={text} />;
}

/** A token this long (a payout address, a site's hex name) has no place to wrap: it may break anywhere. */
const LONG_TOKEN = /\S{16,}/;

/** Words wrap as words; a long token breaks anywhere rather than being cut off, its full value the tooltip. */
function TextCell({ text }: { text: string }) {
  return LONG_TOKEN.test(text) ? (
    <td className="long-text" title={text}>
      {text}
    </td>
  ) : (
    <td>{text}</td>
  );
}

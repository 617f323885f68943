import { useState, type ReactNode } from 'react';
import { errorMessage } from '../../api/error-message';
import type { RecordFact } from './secret-record-model';

/** One saved record in a list: its label, what the kind shows about it, its facts, and Edit / Remove. */
export interface RecordListEntry {
  id: string;
  label: string;
  /** Attributes tests and styles select the row by (data-testid, data-id…). */
  attributes: Readonly<Record<string, string>>;
  /** Shown after the label in the heading (an "off" badge). */
  badge?: ReactNode;
  /** Lines under the heading: kind, interval, id, address. */
  details: ReactNode;
  /** Facts about its fields (where each secret is); null shows none. */
  facts: readonly RecordFact[] | null;
  /** Removes the record and its stored secrets from the engine. */
  remove(): Promise<unknown>;
}

export function RecordList({ label, entries, onEdit, onRemoved }: { label: string; entries: readonly RecordListEntry[]; onEdit(id: string): void; onRemoved(id: string): void }) {
  return (
    <ul className="account-list" aria-label={label}>
      {entries.map((entry) => (
        <RecordListItem key={entry.id} entry={entry} onEdit={() => onEdit(entry.id)} onRemoved={() => onRemoved(entry.id)} />
      ))}
    </ul>
  );
}

function RecordListItem({ entry, onEdit, onRemoved }: { entry: RecordListEntry; onEdit(): void; onRemoved(): void }) {
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setRemoving(true);
    setError(null);
    try {
      await entry.remove();
      onRemoved();
    } catch (caught) {
      setError(errorMessage(caught));
      setRemoving(false);
      setConfirming(false);
    }
  }

  return (
    <li className="card account-item" {...entry.attributes}>
      <div className="account-item-main">
        <h2>
          {entry.label}
          {entry.badge !== undefined && <> {entry.badge}</>}
        </h2>
        {entry.details}
        {entry.facts !== null && (
          <ul className="credential-list">
            {entry.facts.map((fact) => (
              <li key={fact.label}>
                {fact.label}: <span className={fact.tone === null ? undefined : `tone-text-${fact.tone}`}>{fact.text}</span>
              </li>
            ))}
          </ul>
        )}
        {error !== null && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="account-item-actions">
        {confirming ? (
          <div className="confirm" role="group" aria-label={`Confirm removing ${entry.label}`}>
            <span>Remove “{entry.label}” and its stored secrets?</span>
            <button type="button" className="danger" onClick={() => void remove()} disabled={removing}>
              Yes, remove
            </button>
            <button type="button" className="quiet" onClick={() => setConfirming(false)} disabled={removing}>
              Cancel
            </button>
          </div>
        ) : (
          <>
            <button type="button" onClick={onEdit}>
              Edit
            </button>
            <button type="button" className="danger-outline" onClick={() => setConfirming(true)}>
              Remove
            </button>
          </>
        )}
      </div>
    </li>
  );
}

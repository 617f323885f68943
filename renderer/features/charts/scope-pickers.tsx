import { AccountSelect } from '../../components/account-select';
import { useEffect, useId, useMemo, useState } from 'react';
import type { AccountSummary, Worker } from '../../../shared/model';
import type { ChartScope } from '../../state/route';
import { termsFor, type Noun } from '../pool-terms';
import { scopeWithWorker, workerSuggestions } from './chart-scope';

const NO_WORKERS: ReadonlyMap<string, Worker> = new Map();

interface ScopePickersProps {
  accounts: readonly AccountSummary[];
  scope: ChartScope;
  /** The chosen account's workers as loaded for the Workers screen; empty until they arrive. */
  workers: ReadonlyMap<string, Worker> | undefined;
  onScope(scope: ChartScope): void;
}

export function ScopePickers({ accounts, scope, workers = NO_WORKERS, onScope }: ScopePickersProps) {
  const account = accounts.find((candidate) => candidate.id === scope.accountId) ?? null;
  const terms = termsFor(account?.pool ?? null);
  return (
    <div className="toolbar">
      <AccountSelect id="charts-account" accounts={accounts} accountId={scope.accountId} onChange={(accountId) => onScope({ accountId, group: null, worker: null })} />
      <div className="field">
        <label htmlFor="charts-group">
          Group {account !== null && terms.group.one !== 'group' && <span className="muted">({terms.group.one})</span>}
        </label>
        <select
          id="charts-group"
          value={scope.group ?? ''}
          disabled={scope.accountId === null}
          onChange={(event) => onScope({ ...scope, group: event.target.value === '' ? null : event.target.value, worker: null })}
        >
          <option value="">All {terms.group.many}</option>
          {(account?.groups ?? []).map((group) => (
            <option key={group.name} value={group.name}>
              {group.name}
            </option>
          ))}
          {scope.group !== null && !(account?.groups ?? []).some((group) => group.name === scope.group) && (
            <option value={scope.group}>{scope.group}</option>
          )}
        </select>
      </div>
      <WorkerField scope={scope} workers={workers} workerNoun={terms.worker} onScope={onScope} />
    </div>
  );
}

/** Chromium reports a datalist pick as a replacement of the text, not as typing. */
function pickedFromList(event: Event): boolean {
  return 'inputType' in event && event.inputType === 'insertReplacementText';
}

function WorkerField({
  scope,
  workers,
  workerNoun,
  onScope,
}: {
  scope: ChartScope;
  workers: ReadonlyMap<string, Worker>;
  workerNoun: Noun;
  onScope(scope: ChartScope): void;
}) {
  const listId = useId();
  const [text, setText] = useState(scope.worker ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  // The scope can change from outside (a worker link, Back): the field follows it.
  useEffect(() => {
    setText(scope.worker ?? '');
    setProblem(null);
  }, [scope.worker]);
  const suggestions = useMemo(() => workerSuggestions(workers.values(), scope.group, text), [workers, scope.group, text]);

  const commit = (name: string) => {
    if (name.trim() === (scope.worker ?? '')) return;
    const next = scopeWithWorker(scope, name, workers.values());
    if (next === null) {
      setProblem(
        scope.group === null
          ? `No single ${workerNoun.one} named “${name.trim()}”: pick its group first.`
          : `No ${workerNoun.one} named “${name.trim()}” in ${scope.group}.`,
      );
      return;
    }
    setProblem(null);
    onScope(next);
  };

  return (
    <form
      className="field grow"
      onSubmit={(event) => {
        event.preventDefault();
        commit(text);
      }}
    >
      <label htmlFor="charts-worker">
        Worker {workerNoun.one !== 'worker' && <span className="muted">({workerNoun.one})</span>}
      </label>
      <input
        id="charts-worker"
        type="search"
        list={listId}
        value={text}
        disabled={scope.accountId === null}
        placeholder={scope.accountId === null ? 'Choose an account first' : `All ${workerNoun.many}; type a name`}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={problem !== null}
        aria-describedby={problem === null ? undefined : `${listId}-problem`}
        onChange={(event) => {
          const value = event.target.value;
          setText(value);
          // Picking from the list (or clearing the field) applies at once; typing waits for Enter or leaving the field.
          if (value === '' || pickedFromList(event.nativeEvent)) commit(value);
        }}
        onBlur={() => commit(text)}
      />
      <datalist id={listId}>
        {suggestions.map((suggestion) => (
          <option key={`${suggestion.group}\u0000${suggestion.name}`} value={suggestion.name}>
            {suggestion.group}
          </option>
        ))}
      </datalist>
      {problem !== null && (
        <span id={`${listId}-problem`} className="field-error">
          {problem}
        </span>
      )}
    </form>
  );
}

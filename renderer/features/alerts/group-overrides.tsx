import { useState } from 'react';
import { FieldError } from '../../components/field-error';
import { useAccountsStore } from '../../state/app-stores';
import { errorKey, type SettingsErrors } from './alert-settings-form';
import { newGroupForm, newWorkerForm, type GroupOverrideForm, type WorkerOverrideForm } from './group-overrides-form';
import { RuleNumberFields } from './rule-number-fields';

interface GroupOverridesProps {
  accountId: string;
  groups: GroupOverrideForm[];
  onChange(groups: GroupOverrideForm[]): void;
  errors: SettingsErrors;
}

type Toggle = boolean | null;

function EnabledSelect({ id, value, onChange, follows }: { id: string; value: Toggle; onChange(value: Toggle): void; follows: string }) {
  return (
    <select id={id} value={value === null ? 'follow' : value ? 'on' : 'off'} onChange={(event) => onChange(event.target.value === 'follow' ? null : event.target.value === 'on')}>
      <option value="follow">Follow the {follows}</option>
      <option value="on">All alerts on</option>
      <option value="off">All alerts off</option>
    </select>
  );
}

/** Overrides for groups of one account and for workers inside them, each row with its own numbers. */
export function GroupOverrides({ accountId, groups, onChange, errors }: GroupOverridesProps) {
  const summary = useAccountsStore((state) => state.byId[accountId]);
  const known = summary?.groups.map((group) => group.name) ?? [];
  const [opened, setOpened] = useState<ReadonlySet<number>>(new Set());
  const listId = `alert-group-names-${accountId}`;
  const setGroup = (index: number, next: GroupOverrideForm) => onChange(groups.map((group, i) => (i === index ? next : group)));
  const add = () => {
    setOpened(new Set([...opened, groups.length]));
    onChange([...groups, newGroupForm()]);
  };

  return (
    <div className="settings-subsection" data-testid="alert-group-overrides">
      <h3>Groups and workers</h3>
      <datalist id={listId}>
        {known.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {groups.length === 0 && <p className="hint">No group overrides: every group follows this account.</p>}
      {groups.map((group, index) => {
        const at = ['accounts', accountId, 'groups', group.name.trim() || `#${index + 1}`];
        const prefix = `alert-group-${index}`;
        return (
          <details key={index} className="override-row" open={opened.has(index) || undefined} data-testid="alert-group-override">
            <summary>Group {group.name.trim() || '(new)'}</summary>
            <div className="form-grid">
              <div className="field">
                <label htmlFor={`${prefix}-name`}>Group name</label>
                <input id={`${prefix}-name`} type="text" list={listId} value={group.name} autoComplete="off" onChange={(event) => setGroup(index, { ...group, name: event.target.value })} />
                <FieldError message={errors[errorKey(...at, 'name')]} />
              </div>
              <div className="field">
                <label htmlFor={`${prefix}-enabled`}>Alerts</label>
                <EnabledSelect id={`${prefix}-enabled`} value={group.enabled} follows="account" onChange={(enabled) => setGroup(index, { ...group, enabled })} />
              </div>
              <div className="field">
                <label htmlFor={`${prefix}-expected`}>Expected workers</label>
                <input
                  id={`${prefix}-expected`}
                  type="text"
                  inputMode="numeric"
                  value={group.expectedWorkers}
                  placeholder="no expectation"
                  autoComplete="off"
                  onChange={(event) => setGroup(index, { ...group, expectedWorkers: event.target.value })}
                />
                <FieldError message={errors[errorKey(...at, 'expectedWorkers')]} />
              </div>
            </div>
            <RuleNumberFields
              idPrefix={prefix}
              values={group.numbers}
              onChange={(key, value) => setGroup(index, { ...group, numbers: { ...group.numbers, [key]: value } })}
              errorOf={(key) => errors[errorKey(...at, key)]}
              placeholderOf={() => 'account'}
            />
            <WorkerOverrides
              prefix={prefix}
              at={at}
              workers={group.workers}
              errors={errors}
              onChange={(workers) => setGroup(index, { ...group, workers })}
            />
            <button type="button" onClick={() => onChange(groups.filter((_, i) => i !== index))}>
              Remove group override
            </button>
          </details>
        );
      })}
      <button type="button" onClick={add} data-testid="alert-add-group-override">
        Add group override
      </button>
    </div>
  );
}

interface WorkerOverridesProps {
  prefix: string;
  at: readonly string[];
  workers: WorkerOverrideForm[];
  errors: SettingsErrors;
  onChange(workers: WorkerOverrideForm[]): void;
}

function WorkerOverrides({ prefix, at, workers, errors, onChange }: WorkerOverridesProps) {
  const setWorker = (index: number, next: WorkerOverrideForm) => onChange(workers.map((worker, i) => (i === index ? next : worker)));
  return (
    <div className="settings-subsection">
      {workers.map((worker, index) => {
        const workerAt = [...at, 'workers', worker.name.trim() || `#${index + 1}`];
        const id = `${prefix}-worker-${index}`;
        return (
          <fieldset key={index} className="override-row" data-testid="alert-worker-override">
            <legend>Worker {worker.name.trim() || '(new)'}</legend>
            <div className="form-grid">
              <div className="field">
                <label htmlFor={`${id}-name`}>Worker name</label>
                <input id={`${id}-name`} type="text" value={worker.name} autoComplete="off" onChange={(event) => setWorker(index, { ...worker, name: event.target.value })} />
                <FieldError message={errors[errorKey(...workerAt, 'name')]} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-enabled`}>Alerts</label>
                <EnabledSelect id={`${id}-enabled`} value={worker.enabled} follows="group" onChange={(enabled) => setWorker(index, { ...worker, enabled })} />
              </div>
            </div>
            <RuleNumberFields
              idPrefix={id}
              values={worker.numbers}
              onChange={(key, value) => setWorker(index, { ...worker, numbers: { ...worker.numbers, [key]: value } })}
              errorOf={(key) => errors[errorKey(...workerAt, key)]}
              placeholderOf={() => 'group'}
            />
            <button type="button" onClick={() => onChange(workers.filter((_, i) => i !== index))}>
              Remove worker override
            </button>
          </fieldset>
        );
      })}
      <button type="button" onClick={() => onChange([...workers, newWorkerForm()])}>
        Add worker override
      </button>
    </div>
  );
}

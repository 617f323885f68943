import type { ChannelRoutes } from '../../../shared/contract';
import { useAccountsStore } from '../../state/app-stores';
import { toggled } from './channel-form-model';
import { RuleToggleList } from './rule-toggle-list';
import { accountOptions, useAccountLabels } from './use-account-labels';

interface ChannelRoutesFieldsProps {
  idPrefix: string;
  routes: ChannelRoutes;
  onChange(routes: ChannelRoutes): void;
}

const sameGroup = (a: ChannelRoutes['groups'][number], b: ChannelRoutes['groups'][number]): boolean => a.accountId === b.accountId && a.group === b.group;

/** Which accounts, groups and rules the channel gets: nothing ticked in a list limits nothing. */
export function ChannelRoutesFields({ idPrefix, routes, onChange }: ChannelRoutesFieldsProps) {
  const labels = useAccountLabels();
  const byId = useAccountsStore((state) => state.byId);
  const accounts = accountOptions(labels);
  // Groups known from the last poll, plus any the channel names that the pools no longer list.
  const groups = accounts.flatMap((account) => {
    const names = new Set((byId[account.id]?.groups ?? []).map((group) => group.name));
    for (const route of routes.groups) if (route.accountId === account.id) names.add(route.group);
    return [...names].sort().map((group) => ({ accountId: account.id, accountLabel: account.label, group }));
  });
  return (
    <fieldset className="secrets" data-testid="channel-routes">
      <legend>Only these alerts</legend>
      <p className="hint">Nothing ticked: every account and rule. A group also gets its account&apos;s key and pool problems.</p>
      <div className="check-grid" data-testid="channel-routes-accounts">
        {accounts.map((account) => (
          <label key={account.id} className="check" htmlFor={`${idPrefix}-route-account-${account.id}`}>
            <input
              id={`${idPrefix}-route-account-${account.id}`}
              type="checkbox"
              data-account={account.id}
              checked={routes.accounts.includes(account.id)}
              onChange={(event) => onChange({ ...routes, accounts: toggled(routes.accounts, account.id, event.target.checked) })}
            />
            {account.label}
          </label>
        ))}
      </div>
      {groups.length > 0 && (
        <div className="check-grid" data-testid="channel-routes-groups">
          {groups.map((entry) => {
            const value = { accountId: entry.accountId, group: entry.group };
            const id = `${idPrefix}-route-group-${entry.accountId}-${entry.group.replace(/[^A-Za-z0-9_-]/g, '_')}`;
            return (
              <label key={`${entry.accountId}\u0000${entry.group}`} className="check" htmlFor={id}>
                <input
                  id={id}
                  type="checkbox"
                  checked={routes.groups.some((route) => sameGroup(route, value))}
                  onChange={(event) => onChange({ ...routes, groups: toggled(routes.groups, value, event.target.checked, sameGroup) })}
                />
                {entry.accountLabel} / {entry.group}
              </label>
            );
          })}
        </div>
      )}
      <RuleToggleList
        idPrefix={`${idPrefix}-route-rule`}
        legend="Rules"
        testId="channel-routes-rules"
        isChecked={(rule) => routes.rules.includes(rule)}
        onToggle={(rule, wasChecked) => onChange({ ...routes, rules: toggled(routes.rules, rule, !wasChecked) })}
      />
    </fieldset>
  );
}

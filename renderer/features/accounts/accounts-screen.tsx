import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { appStores, useAccountsStore } from '../../state/app-stores';
import { loadAccountConfigs } from '../../state/loaders';
import { navigate } from '../../state/use-route';
import { AccountForm } from './account-form';
import { AccountList } from './account-list';

/** editing: an account whose form opens at once (a link from the overview's "Needs attention"). */
export function AccountsScreen({ adding, editing: editingFromRoute = null }: { adding: boolean; editing?: string | null }) {
  const api = useApi();
  const configs = useAccountsStore((state) => state.configs);
  const configsLoaded = useAccountsStore((state) => state.configsLoaded);
  const configsError = useAccountsStore((state) => state.configsError);
  const [editingId, setEditingId] = useState<string | null>(editingFromRoute);
  const [notice, setNotice] = useState<string | null>(null);

  const editing = adding ? null : (configs.find((config) => config.id === editingId) ?? null);
  const formOpen = adding || editing !== null;

  function closeForm() {
    setEditingId(null);
    if (adding) navigate({ screen: 'accounts', adding: false });
  }

  return (
    <section aria-labelledby="accounts-title">
      <div className="screen-heading">
        <h1 id="accounts-title" className="screen-title">
          Accounts
        </h1>
        <button
          type="button"
          className="primary"
          onClick={() => {
            setNotice(null);
            setEditingId(null);
            navigate({ screen: 'accounts', adding: true });
          }}
        >
          Add account
        </button>
      </div>

      {notice !== null && (
        <p className="banner tone-ok" role="status" data-testid="accounts-notice">
          {notice}
        </p>
      )}
      {configsError !== null && (
        <p className="banner tone-problem" role="alert">
          Could not list accounts: {configsError}
        </p>
      )}

      {formOpen && (
        <AccountForm
          // A new key gives each account (and each new one) a fresh form, so nothing typed carries over.
          key={editing?.id ?? 'new'}
          existing={editing}
          onCancel={closeForm}
          onSaved={(saved) => {
            setNotice(`Saved “${saved.label}”.`);
            closeForm();
            void loadAccountConfigs(api, appStores.accounts);
          }}
        />
      )}

      {configsLoaded && configs.length === 0 && !formOpen && (
        <p className="empty-state">No accounts yet. Use “Add account” to watch your first pool account.</p>
      )}
      <AccountList
        configs={configs}
        onEdit={(id) => {
          setNotice(null);
          setEditingId(id);
          if (adding) navigate({ screen: 'accounts', adding: false });
        }}
        onRemoved={(config) => {
          setNotice(`Removed “${config.label}”.`);
          if (editingId === config.id) setEditingId(null);
          appStores.accounts.getState().removeAccount(config.id);
          appStores.workers.getState().forget(config.id);
          void loadAccountConfigs(api, appStores.accounts);
        }}
      />
    </section>
  );
}

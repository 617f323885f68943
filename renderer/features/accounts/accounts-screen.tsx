import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { appStores, useAccountsStore } from '../../state/app-stores';
import { loadAccountConfigs } from '../../state/loaders';
import { navigate } from '../../state/use-route';
import { AccountForm } from './account-form';
import { AccountList } from './account-list';

/** `editId`: the account whose form the address opens (`#/accounts/edit/<id>`, the Overview cards link there). */
export function AccountsScreen({ adding, editId }: { adding: boolean; editId: string | null }) {
  const api = useApi();
  const configs = useAccountsStore((state) => state.configs);
  const configsLoaded = useAccountsStore((state) => state.configsLoaded);
  const configsError = useAccountsStore((state) => state.configsError);
  const [notice, setNotice] = useState<{ text: string; warning: boolean } | null>(null);

  const editing = adding || editId === null ? null : (configs.find((config) => config.id === editId) ?? null);
  const formOpen = adding || editing !== null;
  const unknownEdit = configsLoaded && editId !== null && editing === null;

  function closeForm() {
    if (adding || editId !== null) navigate({ screen: 'accounts', adding: false });
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
            navigate({ screen: 'accounts', adding: true });
          }}
        >
          Add account
        </button>
      </div>

      {notice !== null && (
        <p className={`banner tone-${notice.warning ? 'warning' : 'ok'}`} role="status" data-testid="accounts-notice">
          {notice.text}
        </p>
      )}
      {unknownEdit && (
        <p className="banner tone-problem" role="alert">
          There is no account with id “{editId}” to edit.
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
          onSaved={(saved, how) => {
            setNotice(
              how.afterFailedTest
                ? { text: `Saved “${saved.label}” although its connection test failed; the account shows the error until the pool accepts it.`, warning: true }
                : { text: `Saved “${saved.label}”.`, warning: false },
            );
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
          navigate({ screen: 'accounts', adding: false, editId: id });
        }}
        onRemoved={(config) => {
          setNotice({ text: `Removed “${config.label}”.`, warning: false });
          if (editId === config.id) navigate({ screen: 'accounts', adding: false });
          appStores.accounts.getState().removeAccount(config.id);
          appStores.workers.getState().forget(config.id);
          void loadAccountConfigs(api, appStores.accounts);
        }}
      />
    </section>
  );
}

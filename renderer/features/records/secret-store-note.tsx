import { useAccountsStore } from '../../state/app-stores';
import { secretStoreNote } from './secret-record-model';

/** Where the secrets typed in this form will be saved (keychain or the encrypted secrets file), before Save is pressed. */
export function SecretStoreNote() {
  const note = secretStoreNote(useAccountsStore((state) => state.secretStore));
  if (note === null) return null;
  return (
    <p className="hint" data-testid="secret-store-note">
      {note}
    </p>
  );
}

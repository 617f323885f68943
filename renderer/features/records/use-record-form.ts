import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/error-message';
import type { SecretInputs } from './secret-record-model';

/**
 * What the shared form hook needs to know of one kind of record (an account, a channel): how its form
 * becomes a request, and how the engine tests and saves one.
 */
export interface RecordFormDescriptor<Values, View, Request, TestResult, Errors> {
  build(values: Values, secrets: SecretInputs, existing: View | null): { ok: true; request: Request } | { ok: false; errors: Errors };
  test(request: Request): Promise<TestResult>;
  save(request: Request): Promise<View>;
}

export type TestOutcome<TestResult> = { kind: 'result'; result: TestResult } | { kind: 'error'; message: string };

/**
 * The state and actions of a form that saves a record with keychain secrets: values as typed, secrets kept only
 * here (never in a store) until a save succeeds or the form closes, field errors, "test" and "save".
 */
export function useRecordForm<Values, View, Request, TestResult, Errors extends object>(options: {
  descriptor: RecordFormDescriptor<Values, View, Request, TestResult, Errors>;
  existing: View | null;
  initialValues: () => Values;
  onSaved(view: View): void;
}) {
  const { descriptor, existing, onSaved } = options;
  const [values, setValues] = useState<Values>(options.initialValues);
  const [secrets, setSecrets] = useState<SecretInputs>({});
  const [errors, setErrors] = useState<Partial<Errors>>({});
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [testOutcome, setTestOutcome] = useState<TestOutcome<TestResult> | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);

  function update(patch: Partial<Values>) {
    setValues((current) => ({ ...current, ...patch }));
  }

  function setSecret(name: string, value: string) {
    setSecrets((current) => ({ ...current, [name]: value }));
  }

  /** Drops everything typed in secret inputs (another kind of record has other fields). */
  function clearSecrets() {
    setSecrets({});
  }

  /** Validates the form; returns what to send, or null after showing what to fix. */
  function prepare(): Request | null {
    const built = descriptor.build(values, secrets, existing);
    if (!built.ok) {
      setErrors(built.errors);
      return null;
    }
    setErrors({});
    return built.request;
  }

  async function runTest() {
    const request = prepare();
    if (request === null) return;
    setBusy('test');
    setTestOutcome(null);
    setSaveError(null);
    try {
      setTestOutcome({ kind: 'result', result: await descriptor.test(request) });
    } catch (error) {
      setTestOutcome({ kind: 'error', message: errorMessage(error) });
    } finally {
      // Secrets stay in this form so "test" then "save" needs no retyping.
      setBusy(null);
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const request = prepare();
    if (request === null) return;
    setBusy('save');
    setSaveError(null);
    setTestOutcome(null);
    try {
      const saved = await descriptor.save(request);
      setSecrets({});
      onSaved(saved);
    } catch (error) {
      setSaveError(errorMessage(error));
    } finally {
      setBusy(null);
    }
  }

  return { values, setValues, update, secrets, setSecret, clearSecrets, errors, setErrors, busy, testOutcome, saveError, runTest, save };
}

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
  /**
   * Where given, Save checks the connection first (the test just run for exactly these values, else one run now)
   * and a failure, as this returns it, waits for "Save anyway". Absent: Save saves (a channel's test sends a message).
   */
  testFailure?(result: TestResult): string | null;
}

export type TestOutcome<TestResult> = { kind: 'result'; result: TestResult } | { kind: 'error'; message: string };

/** How a record was saved: after the user confirmed saving despite a failed connection test, or not. */
export interface SaveInfo {
  afterFailedTest: boolean;
}

/**
 * The state and actions of a form that saves a record with keychain secrets: values as typed, secrets kept only
 * here (never in a store) until a save succeeds or the form closes, field errors, "test" and "save".
 */
export function useRecordForm<Values, View, Request, TestResult, Errors extends object>(options: {
  descriptor: RecordFormDescriptor<Values, View, Request, TestResult, Errors>;
  existing: View | null;
  initialValues: () => Values;
  onSaved(view: View, how: SaveInfo): void;
}) {
  const { descriptor, existing, onSaved } = options;
  const [values, setValues] = useState<Values>(options.initialValues);
  const [secrets, setSecrets] = useState<SecretInputs>({});
  const [errors, setErrors] = useState<Partial<Errors>>({});
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [testOutcome, setTestOutcome] = useState<TestOutcome<TestResult> | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  /** The values and secrets the shown test outcome is for (state objects are replaced on every edit). */
  const [testedWith, setTestedWith] = useState<{ values: Values; secrets: SecretInputs } | null>(null);
  /** A failed test stands between the user and the save: its message, until "Save anyway" or an edit. */
  const [failedSave, setFailedSave] = useState<string | null>(null);

  function update(patch: Partial<Values>) {
    setFailedSave(null);
    setValues((current) => ({ ...current, ...patch }));
  }

  function setSecret(name: string, value: string) {
    setFailedSave(null);
    setSecrets((current) => ({ ...current, [name]: value }));
  }

  async function testNow(request: Request): Promise<TestOutcome<TestResult>> {
    let outcome: TestOutcome<TestResult>;
    try {
      outcome = { kind: 'result', result: await descriptor.test(request) };
    } catch (error) {
      outcome = { kind: 'error', message: errorMessage(error) };
    }
    setTestOutcome(outcome);
    setTestedWith({ values, secrets });
    return outcome;
  }

  function failureOf(outcome: TestOutcome<TestResult>): string | null {
    return outcome.kind === 'error' ? outcome.message : (descriptor.testFailure?.(outcome.result) ?? null);
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
    setFailedSave(null);
    try {
      await testNow(request);
    } finally {
      // Secrets stay in this form so "test" then "save" needs no retyping.
      setBusy(null);
    }
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const request = prepare();
    if (request === null) return;
    setSaveError(null);
    if (descriptor.testFailure !== undefined) {
      const current = testedWith !== null && testedWith.values === values && testedWith.secrets === secrets ? testOutcome : null;
      let outcome = current;
      if (outcome === null) {
        setBusy('test');
        setTestOutcome(null);
        try {
          outcome = await testNow(request);
        } finally {
          setBusy(null);
        }
      }
      const failure = failureOf(outcome);
      if (failure !== null) {
        setFailedSave(failure);
        return;
      }
    }
    await saveNow(request, false);
  }

  /** "Save anyway": saves what the form holds although its connection test failed. */
  async function saveDespiteFailure() {
    const request = prepare();
    if (request === null) return;
    await saveNow(request, true);
  }

  async function saveNow(request: Request, afterFailedTest: boolean) {
    setBusy('save');
    setSaveError(null);
    setFailedSave(null);
    setTestOutcome(null);
    try {
      const saved = await descriptor.save(request);
      setSecrets({});
      onSaved(saved, { afterFailedTest });
    } catch (error) {
      setSaveError(errorMessage(error));
    } finally {
      setBusy(null);
    }
  }

  return {
    values,
    setValues: (next: Values | ((current: Values) => Values)) => {
      setFailedSave(null);
      setValues(next);
    },
    update,
    secrets,
    setSecret,
    clearSecrets,
    errors,
    setErrors,
    busy,
    testOutcome,
    saveError,
    failedSave,
    dismissFailedSave: () => setFailedSave(null),
    runTest,
    save,
    saveDespiteFailure,
  };
}

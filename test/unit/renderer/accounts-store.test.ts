import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAccountsStore } from '../../../renderer/state/accounts-store';
import { makeConfig, makeSummary } from './fixtures';

describe('accounts store', () => {
  it('loads the engine state, ordering accounts by label', () => {
    const store = createAccountsStore();
    store.getState().replaceState({
      paused: true,
      accounts: [makeSummary({ id: 'b', label: 'Zeta' }), makeSummary({ id: 'a', label: 'alpha' })],
    });
    const state = store.getState();
    assert.deepEqual(state.ids, ['a', 'b']);
    assert.equal(state.paused, true);
    assert.equal(state.stateLoaded, true);
    assert.equal(state.byId.b?.label, 'Zeta');
  });

  it('keeps the engine’s history problem until a state without one arrives', () => {
    const store = createAccountsStore();
    assert.equal(store.getState().historyProblem, null);
    store.getState().replaceState({ paused: false, accounts: [], historyProblem: 'The history database x cannot be opened (disk full).' });
    assert.match(store.getState().historyProblem ?? '', /disk full/);
    store.getState().replaceState({ paused: false, accounts: [] });
    assert.equal(store.getState().historyProblem, null);
    store.getState().setHistoryProblem('Polls since 12:00 could not be saved.');
    assert.match(store.getState().historyProblem ?? '', /could not be saved/);
  });

  it('upserts a summary from an event and re-sorts on a new label', () => {
    const store = createAccountsStore();
    store.getState().replaceState({ paused: false, accounts: [makeSummary({ id: 'a', label: 'A' }), makeSummary({ id: 'b', label: 'B' })] });
    const idsBefore = store.getState().ids;

    store.getState().upsertSummary(makeSummary({ id: 'a', label: 'A', status: 'auth_error' }));
    assert.equal(store.getState().byId.a?.status, 'auth_error');
    assert.equal(store.getState().ids, idsBefore, 'same order keeps the same array');

    store.getState().upsertSummary(makeSummary({ id: 'a', label: 'C' }));
    assert.deepEqual(store.getState().ids, ['b', 'a']);

    store.getState().upsertSummary(makeSummary({ id: 'c', label: 'AA' }));
    assert.deepEqual(store.getState().ids, ['c', 'b', 'a']);
  });

  it('removes an account from summaries and configs', () => {
    const store = createAccountsStore();
    store.getState().replaceState({ paused: false, accounts: [makeSummary({ id: 'a' }), makeSummary({ id: 'b' })] });
    store.getState().replaceConfigs([makeConfig({ id: 'a' }), makeConfig({ id: 'b' })]);
    store.getState().removeAccount('a');
    assert.deepEqual(store.getState().ids, ['b']);
    assert.equal(store.getState().byId.a, undefined);
    assert.deepEqual(
      store.getState().configs.map((config) => config.id),
      ['b'],
    );
  });

  it('tracks the paused flag and errors', () => {
    const store = createAccountsStore();
    store.getState().setPaused(true);
    assert.equal(store.getState().paused, true);
    store.getState().setStateError('The engine failed.');
    assert.equal(store.getState().stateError, 'The engine failed.');
    store.getState().replaceState({ paused: false, accounts: [] });
    assert.equal(store.getState().stateError, null);
    assert.equal(store.getState().paused, false);
  });

  it('sorts configs by label', () => {
    const store = createAccountsStore();
    store.getState().replaceConfigs([makeConfig({ id: 'x', label: 'Spider' }), makeConfig({ id: 'y', label: 'Main SBI' })]);
    assert.deepEqual(
      store.getState().configs.map((config) => config.id),
      ['y', 'x'],
    );
    assert.equal(store.getState().configsLoaded, true);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AccountSummarySchema,
  ContractError,
  EVENT_CHANNELS,
  REQUEST_CHANNELS,
  buildApi,
  parseEvent,
  parseRequest,
  parseResponse,
  toErrorEnvelope,
  type RequestChannel,
} from '../../../shared/contract';
import type { AccountSummary } from '../../../shared/model';

export const sampleSummary: AccountSummary = {
  id: 'farm-1',
  pool: 'sbi',
  label: 'Farm one',
  status: 'ok',
  message: null,
  limitations: [],
  stale: false,
  lastGoodAt: '2026-11-21T12:00:00.000Z',
  lastPollAt: '2026-11-21T12:00:00.000Z',
  nextPollAt: '2026-11-21T12:01:00.000Z',
  poolAccountName: null,
  hashrate: { h10m: 1e15, h1h: null, h24h: 9e14 },
  workers: { online: 1, offline: 0, dead: 0, unknown: 0, total: 1 },
  groups: [],
  balances: [{ coin: 'BTC', unpaid: 0.1, unit: 'coin', group: null }],
  payouts: [],
  revenue: [],
  stratumServers: [],
};

describe('contract', () => {
  it('names channels domain:verb and keeps request and event names apart', () => {
    for (const name of [...REQUEST_CHANNELS, ...EVENT_CHANNELS]) assert.match(name, /^[a-z]+:[a-z-]+$/);
    assert.equal(REQUEST_CHANNELS.filter((name) => (EVENT_CHANNELS as string[]).includes(name)).length, 0);
  });

  it('accepts a valid account summary and rejects negative hashrate or an unknown status', () => {
    assert.equal(AccountSummarySchema.safeParse(sampleSummary).success, true);
    assert.equal(AccountSummarySchema.safeParse({ ...sampleSummary, hashrate: { h10m: -1, h1h: null, h24h: null } }).success, false);
    assert.equal(AccountSummarySchema.safeParse({ ...sampleSummary, status: 'fine' }).success, false);
  });

  it('validates requests and says which field is wrong', () => {
    assert.deepEqual(parseRequest('workers:get', { accountId: 'a' }), { accountId: 'a' });
    assert.throws(
      () => parseRequest('accounts:save', { account: { pool: 'nope', label: '', mode: 'x' }, secrets: {} }),
      (error: unknown) => error instanceof ContractError && error.code === 'invalid_request' && /account\.pool/.test(error.message),
    );
    assert.throws(() => parseRequest('workers:get', { accountId: 'a', extra: 1 }), ContractError);
    assert.throws(() => parseRequest('nope:nope' as RequestChannel, {}), /Unknown channel/);
  });

  it('rejects an account id that is not plain', () => {
    assert.throws(() => parseRequest('accounts:save', { account: { id: '../etc', pool: 'sbi', label: 'x', mode: 'api-key' }, secrets: {} }), ContractError);
  });

  it('validates responses and turns error envelopes back into ContractErrors', () => {
    assert.deepEqual(parseResponse('engine:set-paused', { ok: true, value: { paused: true } }), { paused: true });
    assert.throws(() => parseResponse('engine:set-paused', { ok: true, value: { paused: 'yes' } }), /Invalid engine:set-paused response/);
    assert.throws(
      () => parseResponse('accounts:list', { ok: false, error: { code: 'keychain_unavailable', message: 'no keychain' } }),
      (error: unknown) => error instanceof ContractError && error.code === 'keychain_unavailable' && error.message === 'no keychain',
    );
    assert.throws(() => parseResponse('accounts:list', 'garbage'), /Malformed/);
  });

  it('drops invalid events', () => {
    assert.deepEqual(parseEvent('state:paused', { paused: false }), { paused: false });
    assert.equal(parseEvent('state:paused', { paused: 1 }), null);
    assert.equal(parseEvent('state:account', { workers: null }), null);
  });

  it('turns an account summary that does not read into a notice naming the account and the field', () => {
    assert.deepEqual(parseEvent('state:account', { ...sampleSummary, workers: null }), {
      unreadable: true,
      id: sampleSummary.id,
      label: sampleSummary.label,
      pool: sampleSummary.pool,
      problem: 'workers: Invalid input: expected object, received null',
    });
  });

  it('does not leak the text of unexpected errors into envelopes', () => {
    const envelope = toErrorEnvelope(new Error('ENOENT /home/user/.secret'));
    assert.equal(envelope.ok, false);
    assert.ok(!JSON.stringify(envelope).includes('.secret'));
    assert.deepEqual(toErrorEnvelope(new ContractError('not_found', 'gone')), { ok: false, error: { code: 'not_found', message: 'gone' } });
  });

  it('builds one named API method per request channel', async () => {
    const sent: string[] = [];
    const api = buildApi(
      async (channel) => {
        sent.push(channel);
        return undefined as never;
      },
      () => () => {},
    );
    await api.accounts.list();
    await api.accounts.save({ account: { pool: 'sbi', label: 'x', mode: 'api-key' }, secrets: {} });
    await api.accounts.remove({ id: 'x' });
    await api.accounts.test({ account: { pool: 'sbi', label: 'x', mode: 'api-key' }, secrets: {} });
    await api.state.get();
    await api.workers.get({ accountId: 'x' });
    await api.engine.setPaused({ paused: true });
    await api.engine.pollNow({});
    await api.alerts.active();
    await api.alerts.retired();
    await api.alerts.history({});
    await api.alerts.snooze({ target: { accountId: 'x' }, minutes: 60 });
    await api.alerts.unsnooze({ target: { accountId: 'x' } });
    await api.alerts.snoozes();
    await api.alerts.getSettings();
    await api.alerts.saveSettings({ settings: {} as never });
    await api.channels.list();
    await api.channels.save({ channel: {} as never, secrets: {} });
    await api.channels.remove({ id: 'x' });
    await api.channels.test({ channel: {} as never, secrets: {} });
    await api.history.hashrate({ scope: {}, range: { from: 'a', to: 'b', maxPoints: 100 } });
    await api.history.workerStates({ scope: {}, range: { from: 'a', to: 'b', maxPoints: 100 } });
    await api.history.earnings({ from: 'a', to: 'b' });
    await api.history.exportCsv({ kind: 'workers' });
    await api.settings.get();
    await api.settings.save({ settings: {} as never });
    await api.actions.offer({ accountId: 'x' });
    await api.actions.run({ accountId: 'x', action: { kind: 'clear-inactive-workers', group: 'g' } });
    assert.deepEqual([...sent].sort(), [...REQUEST_CHANNELS].sort());
  });
});

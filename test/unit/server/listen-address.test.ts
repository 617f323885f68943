import assert from 'node:assert/strict';
import { hostname, networkInterfaces } from 'node:os';
import { describe, it } from 'node:test';
import { bindAddress, hostNamesFor, isLoopbackAddress, printedHost } from '../../../main/server/listen-address';
import { addressPolicy, isAllowedHost, isAllowedOrigin } from '../../../main/server/request-guard';

describe('listen address', () => {
  it('tells loopback from the rest', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', 'localhost', '::1', '[::1]']) assert.equal(isLoopbackAddress(host), true, host);
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'rig-1.lan', '1270.0.0.1']) assert.equal(isLoopbackAddress(host), false, host);
  });

  it('answers to the address given and loopback; for a wildcard to every address of the machine and its name', () => {
    assert.deepEqual(new Set(hostNamesFor('192.168.1.20')), new Set(['127.0.0.1', 'localhost', '[::1]', '192.168.1.20']));
    assert.ok(hostNamesFor('[fd00::5]').includes('[fd00::5]'));
    assert.equal(bindAddress('[fd00::5]'), 'fd00::5');
    const everywhere = hostNamesFor('0.0.0.0');
    assert.ok(everywhere.includes(hostname().toLowerCase()));
    const addresses = Object.values(networkInterfaces()).flatMap((entries) => entries ?? []);
    for (const entry of addresses.filter((candidate) => candidate.family === 'IPv4')) assert.ok(everywhere.includes(entry.address), entry.address);
    assert.equal(printedHost('::'), hostname());
    assert.equal(printedHost('fd00::5'), '[fd00::5]');
  });
});

describe('request guard for an address', () => {
  const policy = addressPolicy(8443, ['127.0.0.1', 'rig-1.lan', '[fd00::5]'], true);

  it('takes Host with the port, or without it when the port is the scheme\'s default', () => {
    assert.equal(isAllowedHost({ host: 'RIG-1.lan:8443' }, policy), true);
    assert.equal(isAllowedHost({ host: '[fd00::5]:8443' }, policy), true);
    assert.equal(isAllowedHost({ host: 'rig-1.lan' }, policy), false, 'https default 443 is not 8443');
    assert.equal(isAllowedHost({ host: 'rig-1.lan' }, addressPolicy(443, ['rig-1.lan'], true)), true);
    assert.equal(isAllowedHost({ host: 'evil.example:8443' }, policy), false);
    assert.equal(isAllowedHost({}, policy), false);
  });

  it('takes an Origin only with the server\'s scheme and one of its names', () => {
    assert.equal(isAllowedOrigin({ origin: 'https://rig-1.lan:8443' }, policy), true);
    assert.equal(isAllowedOrigin({ origin: 'http://rig-1.lan:8443' }, policy), false);
    assert.equal(isAllowedOrigin({ origin: 'https://evil.example:8443' }, policy), false);
    assert.equal(isAllowedOrigin({ origin: 'null' }, policy), false);
    assert.equal(isAllowedOrigin({}, policy), true);
  });
});

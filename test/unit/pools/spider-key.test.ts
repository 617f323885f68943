import assert from 'node:assert/strict';
import { createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createSpiderAdapter } from '../../../main/pools/spider/spider-adapter';
import { ACCEPTED_KEY_FORMS, importSpiderPrivateKey } from '../../../main/pools/spider/spider-key';
import { signSpiderRequest, spiderSignature } from '../../../main/pools/spider/spider-signing';

// A throwaway pair per run: no key material lives in the repository.
const pair = generateKeyPairSync('rsa', { modulusLength: 1024 });
const bare = pair.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
const pemPkcs8 = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const pemPkcs1 = pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const reference = spiderSignature('{"coin":"btc"}', 1_717_677_079_167, pair.privateKey);

const FORM_WORDS = [/base64 text Spider Pool shows/, /BEGIN PRIVATE KEY/, /BEGIN RSA PRIVATE KEY/, /literal \\n/];

/** True when the message quotes any 16-character run of the key's base64 body. */
function leaksKey(message: string, keyText: string): boolean {
  const body = keyText.replace(/-----[A-Z ]+-----/g, '').replace(/\s+|\\n/g, '');
  for (let start = 0; start + 16 <= body.length; start += 8) {
    if (message.includes(body.slice(start, start + 16))) return true;
  }
  return false;
}

describe('Spider private key import', () => {
  const accepted: Array<[string, string]> = [
    ['bare base64 PKCS#8 DER, as Spider hands it out', bare],
    ['bare base64 with line breaks, indentation and CRLF', `\n  ${bare.match(/.{1,64}/g)!.join('\r\n  ')}\n`],
    ['PEM PKCS#8', pemPkcs8],
    ['PEM PKCS#1 (BEGIN RSA PRIVATE KEY)', pemPkcs1],
    ['PEM PKCS#8 with literal \\n escapes', pemPkcs8.replace(/\n/g, '\\n')],
    ['PEM PKCS#1 with literal \\n escapes, in quotes as copied from JSON', `"${pemPkcs1.replace(/\n/g, '\\n')}"`],
    ['PEM pasted on one line with spaces', pemPkcs8.replace(/\n/g, ' ')],
  ];
  for (const [name, text] of accepted) {
    it(`accepts ${name}, and signs exactly like the original key`, () => {
      const imported = importSpiderPrivateKey(text);
      assert.ok(imported.ok, imported.ok ? '' : imported.problem);
      assert.equal(imported.key.asymmetricKeyType, 'rsa');
      assert.equal(spiderSignature('{"coin":"btc"}', 1_717_677_079_167, imported.key), reference);
    });
  }

  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const refused: Array<[string, string, RegExp]> = [
    ['garbage text', 'this is not a key, just some words', /not base64 text or a PEM block/],
    ['random base64 that is no key', randomBytes(600).toString('base64'), /could not be read/],
    ['an empty value', '   ', /empty/],
    ['a public key in PEM', pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(), /public key/],
    ['a public key as bare base64', pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'), /public key/],
    ['a passphrase-protected key', pair.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'not-used' }).toString(), /passphrase/],
    ['an EC key', ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), /EC key; Spider Pool signs with RSA/],
    ['a PEM block cut short', pemPkcs8.slice(0, Math.floor(pemPkcs8.length / 2)), /incomplete/],
    ['the access key pasted in the wrong field', 'D1504708600B44B499489C16CE7C32A5', /access key, not the private key/],
    ['a PEM block with damaged base64', pemPkcs8.replace(/\n([A-Za-z0-9+/]{20})/, '\n!!!!$1'), /damaged/],
  ];
  for (const [name, text, reason] of refused) {
    it(`refuses ${name}, listing every accepted form and quoting nothing of the key`, () => {
      const imported = importSpiderPrivateKey(text);
      assert.equal(imported.ok, false);
      if (imported.ok) return;
      assert.match(imported.problem, reason);
      for (const form of FORM_WORDS) assert.match(imported.problem, form);
      assert.ok(!leaksKey(imported.problem, text), 'no part of the pasted text is echoed');
    });
  }
});

describe('Spider credential validation (when the account is added)', () => {
  const adapter = createSpiderAdapter();
  it('accepts an access key with a key in any accepted form', () => {
    assert.equal(adapter.validateCredentials?.({ accessKey: 'D1504708600B44B499489C16CE7C32A5', privateKey: bare }, 'signed'), null);
    assert.equal(adapter.validateCredentials?.({ accessKey: 'D1504708600B44B499489C16CE7C32A5', privateKey: pemPkcs1 }, 'signed'), null);
  });

  it('names what is missing or wrong', () => {
    assert.match(adapter.validateCredentials?.({ accessKey: ' ', privateKey: bare }, 'signed') ?? '', /Enter the access key/);
    assert.match(adapter.validateCredentials?.({ accessKey: 'AK', privateKey: '' }, 'signed') ?? '', /Paste the private key/);
    assert.match(adapter.validateCredentials?.({ accessKey: pemPkcs8, privateKey: bare }, 'signed') ?? '', /access key field holds/);
    const garbage = adapter.validateCredentials?.({ accessKey: 'AK', privateKey: 'MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu' }, 'signed') ?? '';
    assert.match(garbage, new RegExp(ACCEPTED_KEY_FORMS.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.ok(!garbage.includes('MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu'));
  });
});

describe('Spider request signing', () => {
  it('signs exactly the dataJson string it sends, with the timestamp as a number', () => {
    const body = signSpiderRequest({ coin: 'btc', subaccount: 'test001' }, 'AK', 1_628_381_288_000.7, pair.privateKey);
    assert.equal(body.dataJson, '{"coin":"btc","subaccount":"test001"}');
    assert.equal(body.timestamp, 1_628_381_288_000);
    assert.equal(body.accessKey, 'AK');
    const verify = (text: string): boolean => createVerify('RSA-MD5').update(text, 'utf8').verify(pair.publicKey, body.sign, 'base64');
    assert.ok(verify(`${body.dataJson}|${body.timestamp}`), 'RSA PKCS#1 v1.5 with MD5 over dataJson|timestamp');
    assert.ok(!verify(`{"coin":"btc","subaccount":"test002"}|${body.timestamp}`), 'a tampered dataJson does not verify');
    assert.ok(!verify(`${body.dataJson}|${body.timestamp + 1}`), 'nor a changed timestamp');
  });

  it('signs UTF-8 bytes (non-ASCII subaccount names)', () => {
    const body = signSpiderRequest({ subaccount: '矿工一号' }, 'AK', 1, pair.privateKey);
    const bytes = Buffer.from(`${body.dataJson}|1`, 'utf8');
    assert.ok(createVerify('RSA-MD5').update(bytes).verify(pair.publicKey, body.sign, 'base64'));
  });
});

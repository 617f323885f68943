import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/** The forms of private key PoolWatch reads, named the way people will recognise what they pasted. */
export const ACCEPTED_KEY_FORMS =
  'the base64 text Spider Pool shows (PKCS#8 without header lines, line breaks allowed), ' +
  'a PEM block starting "-----BEGIN PRIVATE KEY-----", ' +
  'a PEM block starting "-----BEGIN RSA PRIVATE KEY-----", ' +
  'or either PEM block on one line with literal \\n between its lines';

export type KeyImport = { ok: true; key: KeyObject } | { ok: false; problem: string };

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function refuse(reason: string): KeyImport {
  return { ok: false, problem: `${reason} Paste the private key in one of these forms: ${ACCEPTED_KEY_FORMS}.` };
}

/** Undoes what copying through JSON, .env files or chat does: surrounding quotes and literal \n escapes. */
function unwrap(input: string): string {
  let text = input.trim();
  if (text.length >= 2 && (text[0] === '"' || text[0] === "'") && text.at(-1) === text[0]) text = text.slice(1, -1).trim();
  return text.replace(/\\r\\n|\\n|\\r/g, '\n');
}

function decodeBase64(body: string): Buffer | null {
  const compact = body.replace(/\s+/g, '');
  if (compact.length < 64 || !BASE64.test(compact)) return null;
  return Buffer.from(compact, 'base64');
}

function privateFromDer(der: Buffer, types: ReadonlyArray<'pkcs8' | 'pkcs1'>): KeyObject | null {
  for (const type of types) {
    try {
      return createPrivateKey({ key: der, format: 'der', type });
    } catch {
      // try the next encoding
    }
  }
  return null;
}

function isPublicDer(der: Buffer): boolean {
  for (const type of ['spki', 'pkcs1'] as const) {
    try {
      createPublicKey({ key: der, format: 'der', type });
      return true;
    } catch {
      // not this encoding
    }
  }
  return false;
}

function fromPem(label: string, body: string): KeyImport {
  if (label.includes('PUBLIC KEY')) return refuse('This is a public key; PoolWatch needs the private key that belongs to the access key.');
  if (label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/i.test(body)) {
    return refuse('This private key is protected by a passphrase, which PoolWatch cannot use; export it without one.');
  }
  const type = label === 'PRIVATE KEY' ? 'pkcs8' : label === 'RSA PRIVATE KEY' ? 'pkcs1' : null;
  if (!type) return refuse(`A "${label}" block is not an RSA private key.`);
  const der = decodeBase64(body);
  const key = der ? privateFromDer(der, [type]) : null;
  return key ? checkRsa(key) : refuse('The PEM block is damaged (its base64 text does not decode to a key).');
}

function checkRsa(key: KeyObject): KeyImport {
  if (key.asymmetricKeyType !== 'rsa') {
    return refuse(`This is ${key.asymmetricKeyType ? `an ${key.asymmetricKeyType.toUpperCase()}` : 'a non-RSA'} key; Spider Pool signs with RSA.`);
  }
  return { ok: true, key };
}

/** Reads a pasted Spider private key in any of ACCEPTED_KEY_FORMS. Problems never quote the key. */
export function importSpiderPrivateKey(input: string): KeyImport {
  const text = unwrap(input);
  if (text === '') return refuse('The private key is empty.');
  if (text.includes('-----BEGIN')) {
    const block = PEM_BLOCK.exec(text);
    if (!block) return refuse('The PEM block is incomplete (its -----END line is missing or does not match the -----BEGIN line).');
    return fromPem(block[1] ?? '', block[2] ?? '');
  }
  if (/^[0-9A-F]{32}$/i.test(text)) return refuse('This looks like the access key, not the private key.');
  const der = decodeBase64(text);
  if (!der) return refuse('The private key is not base64 text or a PEM block.');
  // Spider hands out PKCS#8; bare PKCS#1 is what some tools print.
  const key = privateFromDer(der, ['pkcs8', 'pkcs1']);
  if (key) return checkRsa(key);
  if (isPublicDer(der)) return refuse('This is a public key; PoolWatch needs the private key that belongs to the access key.');
  return refuse('The private key could not be read.');
}

/** A fingerprint of pasted key text, to cache the parsed key without keeping the text around. */
export function keyTextFingerprint(input: string): string {
  return createHash('sha256').update(input).digest('hex');
}

import { ContractError } from '../../../shared/contract';

/** Loopback hosts may use plain http: a local relay or a test receiver never leaves the machine. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether a host name (as in a URL, or bare like an SMTP server's) is this machine. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase();
  return LOOPBACK_HOSTS.has(name) || name === '::1';
}

/** Refuses a typed channel value; the message names the field, never its value. */
export function invalid(message: string): never {
  throw new ContractError('invalid_request', message);
}

/** Checks a URL a notification is posted to; the message never repeats the URL, which may hold a token. */
export function checkPostUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    invalid(`The ${what} is not a valid URL; paste the whole address, starting with https://.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') invalid(`The ${what} must start with https://.`);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    invalid(`The ${what} must use https:// (plain http is allowed only for 127.0.0.1 and localhost).`);
  }
  if (url.username || url.password) invalid(`The ${what} must not contain a user name or password.`);
  return url;
}

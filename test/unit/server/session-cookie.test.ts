import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cookieValue, hasSessionCookie, sessionCookieHeader, sessionCookieValue } from '../../../main/server/session-cookie';

describe('session cookie', () => {
  const token = 'a'.repeat(48);

  it('is Secure only when the page came over TLS', () => {
    assert.doesNotMatch(sessionCookieHeader(8080, token, false), /Secure/);
    assert.match(sessionCookieHeader(8080, token, true), /; HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+; Secure$/);
  });

  it('is bound to the token and the port', () => {
    const value = sessionCookieValue(token);
    assert.notEqual(value, sessionCookieValue('b'.repeat(48)));
    assert.equal(hasSessionCookie({ cookie: `poolwatch_session_8080=${value}` }, 8080, token), true);
    assert.equal(hasSessionCookie({ cookie: `poolwatch_session_8081=${value}` }, 8080, token), false, 'another port is another server');
    assert.equal(hasSessionCookie({ cookie: `poolwatch_session_8080=${value}` }, 8080, 'b'.repeat(48)), false, 'a new token');
    assert.equal(hasSessionCookie({}, 8080, token), false);
  });

  it('reads one cookie among others, and none from a malformed header', () => {
    assert.equal(cookieValue({ cookie: 'a=1; poolwatch_session_1=xyz; b=2' }, 'poolwatch_session_1'), 'xyz');
    assert.equal(cookieValue({ cookie: 'poolwatch_session_1' }, 'poolwatch_session_1'), null);
    assert.equal(cookieValue({ cookie: 'poolwatch_session_1=' }, 'poolwatch_session_1'), null);
  });
});

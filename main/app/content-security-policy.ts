/**
 * The renderer's Content-Security-Policy in Electron, sent with every app:// response (main/app/app-protocol.ts).
 * renderer/index.html carries the same policy as a meta tag, which also applies in the headless page; there
 * `connect-src 'self'` admits the page's own-origin WebSocket and nothing else (test/unit/app checks both agree).
 * Inline style attributes are not needed: React sets styles through the CSSOM, which CSP does not restrict.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

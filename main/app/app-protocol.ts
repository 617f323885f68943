import { readStaticFile } from '../server/static-files';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

/**
 * The renderer is served from app://poolwatch/ (protocol.handle) rather than file://: a real origin for CSP
 * 'self', and an address no file on disk can take, so the IPC sender check and the navigation guard trust
 * exactly APP_PAGE_URL.
 */
export const APP_SCHEME = 'app';
const APP_HOST = 'poolwatch';
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * For protocol.registerSchemesAsPrivileged, before 'ready': standard gives the scheme an origin and relative URLs
 * (./app.js), secure makes the page a secure context. Same-origin module scripts need nothing more; no CORS,
 * fetch, service-worker or CSP-bypass privileges.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true } as const;

/** The page's address, with a renderer route like "#/alerts" (or "/alerts") in its fragment. */
export function appPageUrl(route?: string): string {
  return route ? `${APP_PAGE_URL}#${route.replace(/^#/, '')}` : APP_PAGE_URL;
}

function respond(status: number, body: Buffer | string | null, type = 'text/plain; charset=utf-8'): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': type,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  });
}

async function fileFor(url: URL, rendererDir: string): Promise<{ body: Buffer; type: string } | null> {
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  try {
    return await readStaticFile(rendererDir, url.pathname);
  } catch {
    // A malformed escape (decodeURIComponent) names no file of ours.
    return null;
  }
}

/** The protocol.handle handler for app://: the built renderer's files, nothing outside its folder, never a throw. */
export async function serveAppRequest(request: { url: string; method: string }, rendererDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'Method not allowed');
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return respond(404, 'Not found');
  }
  const file = await fileFor(url, rendererDir);
  if (!file) return respond(404, 'Not found');
  return respond(200, request.method === 'HEAD' ? null : file.body, file.type);
}

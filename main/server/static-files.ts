import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

/** A URL path with its percent-escapes decoded, or null when they are malformed (`/%`, a cut UTF-8 sequence). */
export function decodeUrlPath(urlPath: string): string | null {
  try {
    return decodeURIComponent(urlPath);
  } catch {
    return null;
  }
}

/** Reads a file of the built renderer by its decoded path; null for anything outside the folder or missing. */
export async function readStaticFile(root: string, path: string): Promise<{ body: Buffer; type: string } | null> {
  const relative = path === '/' ? 'index.html' : path.replace(/^\/+/, '');
  const full = normalize(join(root, relative));
  if (!full.startsWith(normalize(root + sep))) return null;
  const type = CONTENT_TYPES[extname(full)];
  if (!type) return null;
  try {
    return { body: await readFile(full), type };
  } catch {
    return null;
  }
}

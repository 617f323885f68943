import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createPrivateFileSync, PrivateFileError, readPrivateFileSync } from '../base/private-file';

/** A new access token: 24 random bytes as hex. */
export function newAccessToken(): string {
  return randomBytes(24).toString('hex');
}

// The token rides in a WebSocket subprotocol and a URL fragment, so it must be an HTTP token; short ones are guessable.
const TOKEN_PATTERN = /^[A-Za-z0-9._~-]{32,1024}$/;
const WHAT = 'token file';

/**
 * The access token kept in `file` (`serve --token-file`), so bookmarks and scripts keep working across restarts.
 * A missing file is created 0600 with a random token, and so is an empty one filled; a file other users could read
 * is refused, like ssh refuses such a key.
 */
export function loadOrCreateTokenFile(file: string): string {
  for (let attempt = 0; attempt < 2; attempt++) {
    const text = readPrivateFileSync(file, WHAT);
    if (text === null) {
      const token = newAccessToken();
      if (createPrivateFileSync(file, `${token}\n`)) return token;
      continue; // another serve created it a moment ago: read that one
    }
    const token = text.trim();
    if (token === '') {
      const fresh = newAccessToken();
      writeFileSync(file, `${fresh}\n`);
      return fresh;
    }
    if (!TOKEN_PATTERN.test(token)) {
      // Never quote the content: it may be a secret pasted into the wrong file.
      throw new PrivateFileError(
        `The ${WHAT} ${file} does not hold a usable token: it must be one line of 32 to 1024 letters, digits, '.', '_', '~' or '-'. ` +
          'Delete the file to have a new one made.',
      );
    }
    return token;
  }
  throw new PrivateFileError(`The ${WHAT} ${file} keeps appearing and disappearing; check what else writes it.`);
}

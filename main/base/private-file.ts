import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';

/** Permission bits for anyone but the owner: like ssh with a private key, a file holding a secret must have none. */
const GROUP_AND_OTHERS = 0o077;

/** A file that holds a secret cannot be used: open to other users, not a regular file, or unreadable. */
export class PrivateFileError extends Error {
  constructor(
    message: string,
    /** 'insecure': other users may read it, never used; 'unusable': missing parts, wrong type, I/O error or bad content. */
    readonly reason: 'insecure' | 'unusable' = 'unusable',
  ) {
    super(message);
    this.name = 'PrivateFileError';
  }
}

function octal(mode: number): string {
  return `0${(mode & 0o777).toString(8).padStart(3, '0')}`;
}

/** Refuses a file other users may read or write; the message says how to fix it. `what` names its content. */
export function assertOwnerOnly(file: string, stats: Pick<Stats, 'mode' | 'isFile'>, what: string): void {
  if (!stats.isFile()) throw new PrivateFileError(`The ${what} ${file} is not a regular file.`);
  // Windows has no such bits (Node reports 0666 there); its folder ACLs protect the file instead.
  if (process.platform === 'win32') return;
  if ((stats.mode & GROUP_AND_OTHERS) !== 0) {
    throw new PrivateFileError(
      `Permissions ${octal(stats.mode)} for the ${what} ${file} are too open: other users could read it. ` +
        `PoolWatch refuses to use it. Fix: chmod 600 ${file}`,
      'insecure',
    );
  }
}

/** Reads a private file whole after checking its mode; null when it does not exist. */
export function readPrivateFileSync(file: string, what: string): string | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new PrivateFileError(`The ${what} ${file} cannot be read (${code ?? (error as Error).message}).`);
  }
  try {
    // The mode is checked on the open file, so a swap between check and read cannot slip a looser file in.
    assertOwnerOnly(file, fstatSync(fd), what);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Creates a file readable by its owner only (mode 0600 from the first byte) holding `text`, and syncs it.
 * Returns false, writing nothing, when the file exists already (another process made it first).
 */
export function createPrivateFileSync(file: string, text: string): boolean {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Replaces a private file whole and durably: a temp file made 0600 is written, synced and renamed over it, so a
 * crash leaves the old content or the new, never half of one.
 */
export function replacePrivateFileSync(file: string, text: string): void {
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    if (!createPrivateFileSync(temp, text)) throw new Error(`the temp file ${temp} exists already`);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

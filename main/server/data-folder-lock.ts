import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The lock file `poolwatch serve` keeps in its data folder while it runs; it holds the PID. */
export const LOCK_FILE_NAME = 'poolwatch.lock';

/** Another running process holds the data folder. */
export class DataFolderLockedError extends Error {
  constructor(
    readonly pid: number,
    readonly dataDir: string,
  ) {
    super(
      `another poolwatch serve (PID ${pid}) is already running on the data folder ${dataDir} (lock file ${LOCK_FILE_NAME}). ` +
        'Stop it first, or give this one its own folder with --data DIR.',
    );
    this.name = 'DataFolderLockedError';
  }
}

export interface DataFolderLock {
  file: string;
  /** Removes the lock, unless another process has taken it over since. */
  release(): void;
}

/** True while a process with this PID exists (EPERM: it exists but belongs to another user). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The PID a lock file names, or null when it is missing, empty or garbled. */
function readPid(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === code;
}

/**
 * Takes the data folder for this process: the lock file appears atomically with the PID already in it (written
 * aside, then hard-linked into place, which fails if the name exists). A lock whose process has ended is taken
 * over; one whose process runs throws DataFolderLockedError.
 */
export function lockDataFolder(dataDir: string, pid = process.pid): DataFolderLock {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE_NAME);
  const draft = join(dataDir, `${LOCK_FILE_NAME}.${pid}`);
  writeFileSync(draft, `${pid}\n`);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(draft, file);
        return { file, release: () => releaseLock(file, pid) };
      } catch (error) {
        if (!isCode(error, 'EEXIST')) throw error;
      }
      const holder = readPid(file);
      // Our own PID in the lock is a previous run's (a container restarted with the same PID), not a live holder.
      if (holder !== null && holder !== pid && processAlive(holder)) throw new DataFolderLockedError(holder, dataDir);
      removeStaleLock(file, dataDir, holder, pid);
    }
    throw new Error(`could not lock the data folder ${dataDir}: its lock file ${LOCK_FILE_NAME} keeps changing.`);
  } finally {
    unlinkQuietly(draft);
  }
}

/**
 * Moves a stale lock out of the way under a name of our own, so two processes taking over at once cannot both
 * remove it; if what we moved is not the stale lock we read (someone took over first), it is put back.
 */
function removeStaleLock(file: string, dataDir: string, stalePid: number | null, pid: number): void {
  const aside = join(dataDir, `${LOCK_FILE_NAME}.stale.${pid}`);
  try {
    renameSync(file, aside);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return;
    throw error;
  }
  const moved = readPid(aside);
  if (moved !== stalePid && moved !== null && processAlive(moved)) {
    try {
      linkSync(aside, file);
    } catch (error) {
      if (!isCode(error, 'EEXIST')) throw error;
    }
  }
  unlinkQuietly(aside);
}

function releaseLock(file: string, pid: number): void {
  if (readPid(file) === pid) unlinkQuietly(file);
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

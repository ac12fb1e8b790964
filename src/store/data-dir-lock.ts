/**
 * PGlite does not lock its data folder, and two processes writing one PostgreSQL data directory
 * corrupt it. Atelier takes an exclusive lock file (created with O_EXCL) holding the owner's pid;
 * a lock left by a process that no longer runs (kill -9, power loss) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '../core/errors.ts';

export interface DataDirLock {
  path: string;
  release(): void;
}

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

const LOCK_FILE = 'atelier.lock';

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else; it still holds the folder.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };

  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o644);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        const owner = readOwner(path);
        if (owner?.pid === process.pid) rmSync(path, { force: true });
      };
      process.once('exit', release);
      return { path, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(path);
    const stale = owner === null || (owner.host === me.host && !processIsAlive(owner.pid));
    if (!stale) {
      throw new DomainError(
        'data_dir_locked',
        `the data folder ${dataDir} is in use by another Atelier process (pid ${owner.pid} on ${owner.host}, since ${owner.startedAt}); stop it or use another --data-dir`,
      );
    }
    // Move the stale lock aside atomically so that two processes taking over at once cannot both win.
    try {
      renameSync(path, `${path}.stale-${process.pid}`);
      rmSync(`${path}.stale-${process.pid}`, { force: true });
    } catch {
      // another process moved it first; try again
    }
  }
  throw new DomainError('data_dir_locked', `could not lock the data folder ${dataDir}`);
}

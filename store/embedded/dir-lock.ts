/**
 * One process per data directory: a LOCK file holding the owner's PID. A second process is refused while that PID
 * lives; a lock left by a dead process is taken over.
 */
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { StoreError } from '../errors';

const lockName = 'LOCK';
/** Directories this process holds, so a lock with our own PID is told apart from one a dead predecessor left. */
const heldHere = new Set<string>();

export interface DirLock {
  release(): void;
}

export function lockDirectory(directory: string): DirLock {
  const lockPath = path.join(directory, lockName);
  if (heldHere.has(lockPath)) throw lockedError(directory, process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(lockPath)) {
      heldHere.add(lockPath);
      return { release: () => releaseLock(lockPath) };
    }
    const holder = readHolder(lockPath);
    if (holder !== null && isAlive(holder)) throw lockedError(directory, holder);
    takeOverStale(lockPath, holder);
  }
  throw lockedError(directory, readHolder(lockPath));
}

/** Creates the lock with our PID already in it (written aside, then hard-linked: all or nothing). */
function tryCreate(lockPath: string): boolean {
  const temporary = `${lockPath}.${process.pid}.tmp`;
  writeFileSync(temporary, `${process.pid}\n`);
  try {
    linkSync(temporary, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}

function readHolder(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false; // Not in heldHere: left by an earlier process that had our PID.
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Moves the stale lock aside (atomically, so of two takers only one moves it) and removes it. */
function takeOverStale(lockPath: string, holder: number | null): void {
  const aside = `${lockPath}.stale-${holder ?? 'unknown'}-${process.pid}`;
  try {
    renameSync(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // Someone else moved it first.
    throw error;
  }
  unlinkSync(aside);
}

function releaseLock(lockPath: string): void {
  if (!heldHere.delete(lockPath)) return;
  if (readHolder(lockPath) === process.pid) unlinkSync(lockPath);
}

function lockedError(directory: string, pid: number | null): StoreError {
  return new StoreError(
    'locked',
    `The data directory ${directory} is in use by another m365ops process (PID ${pid ?? 'unknown'}); stop that process or set DATA_DIR to another directory.`,
    { directory, pid },
  );
}

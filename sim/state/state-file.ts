import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type SavedSimulator, saveState } from './saved-state';
import type { SimState } from './tenant-state';

/**
 * The file a simulator keeps its state in: read once at start, written after changes (debounced) and at close.
 * Every write goes to a temporary file first and is renamed over the old one, so a crash mid-write leaves the
 * previous state, never half a file.
 */

export interface StateFile {
  /** Marks the state changed: it is written shortly after the last change. */
  changed(): void;
  /** Writes now, after any write already under way; later changes are not written (the simulator closed). */
  flush(): Promise<void>;
}

const debounceMs = 250;

/** The saved state, or undefined when the file does not exist; throws naming the file when it cannot be read. */
export function readStateFile(file: string): unknown {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new Error(
      `The simulator's saved state ${file} cannot be read (${error instanceof Error ? error.message : String(error)}); move it away to start again from the seed.`,
    );
  }
}

export function savedPortOf(saved: unknown): number | undefined {
  const port = (saved as Partial<SavedSimulator> | undefined)?.port;
  return typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}

export function openStateFile(
  file: string,
  snapshot: { state: SimState; port: () => number },
  onError: (error: unknown) => void,
): StateFile {
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let writing: Promise<void> = Promise.resolve();

  const write = () => {
    const json = JSON.stringify(saveState(snapshot.state, snapshot.port()));
    writing = writing.then(async () => {
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, json, 'utf8');
      await rename(temporary, file);
    });
    writing = writing.catch(onError);
    return writing;
  };

  return {
    changed() {
      if (closed) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        void write();
      }, debounceMs);
      timer.unref();
    },
    flush() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      return write();
    },
  };
}

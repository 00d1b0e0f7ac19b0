/** Runs work for the same key one at a time in this process (a double click arrives as two concurrent requests). */
import { AsyncLocalStorage } from 'node:async_hooks';

export type KeyedLock = <T>(key: string, work: () => Promise<T>) => Promise<T>;

interface Hold {
  key: string;
  active: boolean;
}

export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  // The holds of the current async context: taking a key again from inside its own work would wait on itself.
  // A hold ends with its work, so work it started that outlives it may take the key like anyone else.
  const held = new AsyncLocalStorage<readonly Hold[]>();
  return async <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const holding = held.getStore() ?? [];
    if (holding.some((hold) => hold.key === key && hold.active)) {
      throw new Error(`The lock ${key} is already held by this work; the lock is not re-entrant, take it once.`);
    }
    const hold: Hold = { key, active: true };
    const inside = () =>
      held.run([...holding, hold], () =>
        work().finally(() => {
          hold.active = false;
        }),
      );
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(inside, inside);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}

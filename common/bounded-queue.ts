/**
 * At most `limit` pieces of work at once, started in the order they were queued (first come, first served), so
 * a thousand tenants due on one tick share the process fairly instead of all starting together. Work queued under
 * a key that is already waiting joins the waiting entry rather than queueing twice.
 */

export interface BoundedQueue {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly waiting: number;
}

interface Entry {
  key: string;
  start(): void;
  done: Promise<unknown>;
}

export function createBoundedQueue(limit: number): BoundedQueue {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`A queue needs a limit of 1 or more, not ${limit}.`);
  const waiting: Entry[] = [];
  const waitingByKey = new Map<string, Entry>();
  let active = 0;

  function next(): void {
    while (active < limit && waiting.length > 0) {
      const entry = waiting.shift()!;
      waitingByKey.delete(entry.key);
      active++;
      entry.start();
    }
  }

  return {
    run<T>(key: string, work: () => Promise<T>): Promise<T> {
      const queued = waitingByKey.get(key);
      if (queued) return queued.done as Promise<T>;
      let start!: () => void;
      const done = new Promise<T>((resolve, reject) => {
        start = () => {
          work()
            .then(resolve, reject)
            .finally(() => {
              active--;
              next();
            });
        };
      });
      const entry: Entry = { key, start, done };
      waiting.push(entry);
      waitingByKey.set(key, entry);
      next();
      return done;
    },
    get active() {
      return active;
    },
    get waiting() {
      return waiting.length;
    },
  };
}

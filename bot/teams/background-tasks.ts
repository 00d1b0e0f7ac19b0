/** Work that outlives the HTTP turn (long handlers finishing after a "working…" card), awaited on shutdown. */
export interface BackgroundTasks {
  run(task: () => Promise<void>): void;
  /** Resolves once every task started so far has settled. */
  whenIdle(): Promise<void>;
}

export function createBackgroundTasks(onError: (error: unknown) => void): BackgroundTasks {
  const running = new Set<Promise<void>>();
  return {
    run(task) {
      const promise = task()
        .catch(onError)
        .finally(() => running.delete(promise));
      running.add(promise);
    },
    async whenIdle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

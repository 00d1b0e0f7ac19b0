/**
 * Teams redelivers an activity it got no timely answer for. The handlers' idempotency key already stops a repeat
 * from acting twice; this remembers recent activity ids so a redelivery also waits for (and answers with) the
 * first outcome instead of running the handler again or replying twice.
 */
const keepMs = 15 * 60 * 1000;
const maxEntries = 2000;

export interface RecentActivities<T> {
  /** The first delivery's outcome when this activity id was seen recently, otherwise starts `run`. */
  once(activityId: string | undefined, run: () => Promise<T>): { repeat: boolean; outcome: Promise<T> };
}

export function createRecentActivities<T>(now: () => number = Date.now): RecentActivities<T> {
  const seen = new Map<string, { at: number; outcome: Promise<T> }>();

  function forgetOld(): void {
    const cutoff = now() - keepMs;
    for (const [id, entry] of seen) {
      if (entry.at >= cutoff && seen.size <= maxEntries) break;
      seen.delete(id);
    }
  }

  return {
    once(activityId, run) {
      forgetOld();
      const earlier = activityId ? seen.get(activityId) : undefined;
      if (earlier) return { repeat: true, outcome: earlier.outcome };
      const outcome = run();
      if (activityId) seen.set(activityId, { at: now(), outcome });
      return { repeat: false, outcome };
    },
  };
}

/**
 * Teams redelivers an activity it got no timely answer for. The handlers' idempotency key already stops a repeat
 * from acting twice; this remembers recent deliveries (by the key read-activity's deliveryKeyOf gives: conversation,
 * activity id and sender) so a redelivery also waits for (and answers with) the first outcome instead of running
 * the handler again or replying twice.
 */
const keepMs = 15 * 60 * 1000;
const maxEntries = 2000;

export interface RecentActivities<T> {
  /** The first delivery's outcome when this key was seen recently, otherwise starts `run`. */
  once(deliveryKey: string | undefined, run: () => Promise<T>): { repeat: boolean; outcome: Promise<T> };
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
    once(deliveryKey, run) {
      forgetOld();
      const earlier = deliveryKey ? seen.get(deliveryKey) : undefined;
      if (earlier) return { repeat: true, outcome: earlier.outcome };
      const outcome = run();
      if (deliveryKey) seen.set(deliveryKey, { at: now(), outcome });
      return { repeat: false, outcome };
    },
  };
}

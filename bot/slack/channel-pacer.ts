/**
 * Slack allows about one message a second per channel. The pacer runs the sends for one channel one after the
 * other, each starting at least `minIntervalMs` after the previous one started; channels do not wait for each
 * other. (A `ratelimited` answer is retried by the WebClient itself after the Retry-After it names.)
 */
import { sleep as realSleep } from '../../common/clock';

export interface ChannelPacer {
  run<T>(channel: string, send: () => Promise<T>): Promise<T>;
}

/** How the pacer tells time and waits; tests give it a fake one instead of sleeping. */
export interface PacerTime {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realTime: PacerTime = { now: () => Date.now(), sleep: realSleep };

export function createChannelPacer(minIntervalMs = 1000, time: PacerTime = realTime): ChannelPacer {
  const tails = new Map<string, Promise<unknown>>();
  const lastStart = new Map<string, number>();

  return {
    run<T>(channel: string, send: () => Promise<T>): Promise<T> {
      const previous = tails.get(channel) ?? Promise.resolve();
      const next = previous
        .catch(() => undefined) // the previous send's failure belongs to its own caller
        .then(async () => {
          const wait = (lastStart.get(channel) ?? 0) + minIntervalMs - time.now();
          if (wait > 0) await time.sleep(wait);
          lastStart.set(channel, time.now());
          return send();
        });
      tails.set(channel, next);
      const forget = () => {
        if (tails.get(channel) === next) tails.delete(channel);
      };
      next.then(forget, forget);
      return next;
    },
  };
}

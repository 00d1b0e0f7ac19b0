/**
 * Slack allows about one message a second per channel. The pacer runs the sends for one channel one after the
 * other, each starting at least `minIntervalMs` after the previous one started; channels do not wait for each
 * other. (A `ratelimited` answer is retried by the WebClient itself after the Retry-After it names.)
 */
import { sleep } from '../../common/clock';

export interface ChannelPacer {
  run<T>(channel: string, send: () => Promise<T>): Promise<T>;
}

export function createChannelPacer(minIntervalMs = 1000): ChannelPacer {
  const tails = new Map<string, Promise<unknown>>();
  const lastStart = new Map<string, number>();

  return {
    run<T>(channel: string, send: () => Promise<T>): Promise<T> {
      const previous = tails.get(channel) ?? Promise.resolve();
      const next = previous
        .catch(() => undefined) // the previous send's failure belongs to its own caller
        .then(async () => {
          const wait = (lastStart.get(channel) ?? 0) + minIntervalMs - Date.now();
          if (wait > 0) await sleep(wait);
          lastStart.set(channel, Date.now());
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

/**
 * Paces sends into one Teams conversation under the documented per-bot, per-thread limits (7 in 1 s, 8 in 2 s,
 * 60 in 30 s, 1,800 in an hour), and retries a send Teams still throttles (429), honouring Retry-After.
 * Sends to one conversation go out one after another, in the order they were asked for.
 */
import { sleep } from '../../common/clock';

export interface RateWindow {
  count: number;
  perMs: number;
}

export const teamsConversationLimits: readonly RateWindow[] = [
  { count: 7, perMs: 1000 },
  { count: 8, perMs: 2000 },
  { count: 60, perMs: 30_000 },
  { count: 1800, perMs: 3_600_000 },
];

/** How long to wait before the next send, given the times of earlier sends (oldest first). */
export function delayBeforeNextSend(sentAt: readonly number[], now: number, limits: readonly RateWindow[]): number {
  let delay = 0;
  for (const { count, perMs } of limits) {
    if (sentAt.length < count) continue;
    // The send `count` places back must have left the window before another may go.
    const blocking = sentAt[sentAt.length - count]!;
    delay = Math.max(delay, blocking + perMs - now);
  }
  return Math.max(0, delay);
}

export interface PacerOptions {
  limits?: readonly RateWindow[];
  now?: () => number;
  wait?: (ms: number) => Promise<void>;
  /** Attempts for one send that keeps being throttled (default 5). */
  maxAttempts?: number;
  /** Longest Retry-After honoured (default 60 s). */
  maxRetryAfterMs?: number;
  /** Told of each send Teams throttled (429), for metrics. */
  onThrottled?: () => void;
}

export interface ConversationPacer {
  send<T>(conversationKey: string, attempt: () => Promise<T>): Promise<T>;
}

export function createConversationPacer(options: PacerOptions = {}): ConversationPacer {
  const limits = options.limits ?? teamsConversationLimits;
  const now = options.now ?? Date.now;
  const wait = options.wait ?? sleep;
  const maxAttempts = options.maxAttempts ?? 5;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const longestWindow = Math.max(...limits.map((limit) => limit.perMs));
  const history = new Map<string, number[]>();
  const queues = new Map<string, Promise<unknown>>();

  async function takeSlot(key: string): Promise<void> {
    const sentAt = history.get(key) ?? [];
    const delay = delayBeforeNextSend(sentAt, now(), limits);
    if (delay > 0) await wait(delay);
    const at = now();
    while (sentAt.length > 0 && sentAt[0]! <= at - longestWindow) sentAt.shift();
    sentAt.push(at);
    history.set(key, sentAt);
  }

  // Teams counts a message when it arrives: the send is stamped again once it completed, so the next window
  // starts no earlier than this message could have arrived.
  function stampCompleted(key: string): void {
    const sentAt = history.get(key);
    if (sentAt && sentAt.length > 0) sentAt[sentAt.length - 1] = now();
  }

  async function sendPaced<T>(key: string, attempt: () => Promise<T>): Promise<T> {
    for (let tries = 1; ; tries++) {
      await takeSlot(key);
      try {
        const result = await attempt();
        stampCompleted(key);
        return result;
      } catch (error) {
        stampCompleted(key);
        const retryAfterMs = throttledRetryAfterMs(error);
        if (retryAfterMs !== undefined) options.onThrottled?.();
        if (retryAfterMs === undefined || tries >= maxAttempts) throw error;
        await wait(Math.min(retryAfterMs, maxRetryAfterMs));
      }
    }
  }

  return {
    send(key, attempt) {
      const previous = queues.get(key) ?? Promise.resolve();
      const result = previous.catch(() => undefined).then(() => sendPaced(key, attempt));
      const settled = result.catch(() => undefined);
      queues.set(key, settled);
      void settled.then(() => {
        if (queues.get(key) === settled) queues.delete(key);
      });
      return result;
    },
  };
}

/** For a 429 from the Bot Connector: the wait it asked for (Retry-After seconds or date; 1 s when absent). */
export function throttledRetryAfterMs(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const failure = error as {
    statusCode?: number;
    response?: { status?: number; headers?: { get?(name: string): string | undefined } };
  };
  const status = failure.statusCode ?? failure.response?.status;
  if (status !== 429) return undefined;
  const header = failure.response?.headers?.get?.('retry-after');
  if (!header) return 1000;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? 1000 : Math.max(0, date - Date.now());
}

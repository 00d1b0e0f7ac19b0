import type { AuthenticationProvider, Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../common/logger';
import type { AnswerObserver } from './observe-answers';
import { CallRecord, sendWithRetry } from './retry-loop';
import { isIdempotentMethod, type RetryPolicy } from './retry-policy';

/**
 * Our two links in the Graph SDK's middleware chain. The SDK's RetryHandler is replaced because it caps
 * attempts at 10 and delay at 180 s but never reports how many attempts a call took, retries POSTs on network
 * failure never, and hides non-HTTP failures inside a GraphError; this one does all three through CallRecord.
 */

function urlOf(context: Context): string {
  return typeof context.request === 'string' ? context.request : context.request.url;
}

/** A path safe to log: no query string (skip and delta tokens, filters naming users). */
export function pathForLog(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0] ?? '';
  }
}

export class RetryAndLogHandler implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly options: {
      tenantId: string;
      policy: RetryPolicy;
      logger?: Logger;
      sleep?: (ms: number) => Promise<void>;
      onAnswer?: AnswerObserver;
    },
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const next = this.next;
    if (!next) throw new Error('RetryAndLogHandler needs a next middleware.');
    const record =
      (context.middlewareControl?.getMiddlewareOptions(CallRecord) as CallRecord | undefined) ?? new CallRecord();
    const method = (context.options?.method ?? 'GET').toUpperCase();
    const headers = { ...((context.options?.headers as Record<string, string> | undefined) ?? {}) };
    const started = Date.now();
    try {
      context.response = await sendWithRetry(
        async () => {
          // Later links append headers (token, telemetry): start every attempt from the caller's headers.
          if (context.options) context.options.headers = { ...headers };
          await next.execute(context);
          if (!context.response) throw new Error('The Graph middleware chain produced no response.');
          return context.response;
        },
        {
          policy: this.options.policy,
          idempotent: record.idempotent ?? isIdempotentMethod(method),
          record,
          sleep: this.options.sleep,
          onAnswer: (status) => this.options.onAnswer?.({ service: 'graph', status }),
        },
      );
    } finally {
      this.options.logger?.debug(
        {
          tenantId: this.options.tenantId,
          method,
          path: pathForLog(urlOf(context)),
          status: record.status,
          attempts: record.attempts,
          microsoftRequestId: record.requestId,
          ms: Date.now() - started,
        },
        'graph call',
      );
    }
  }
}

/**
 * The SDK attaches the bearer token only over https (AuthenticationHandler.isValidEndpoint). design.md §3 lets
 * Graph be a plain `http://127.0.0.1:<port>` stand-in; for that origin alone this link attaches it.
 */
export class PlainHttpBearerHandler implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly origin: string,
    private readonly authProvider: AuthenticationProvider,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('PlainHttpBearerHandler needs a next middleware.');
    context.options ??= {};
    const headers = context.options.headers as Record<string, string> | undefined;
    const sameOrigin = new URL(urlOf(context)).origin === this.origin;
    if (sameOrigin) {
      context.options.headers = { ...headers, Authorization: `Bearer ${await this.authProvider.getAccessToken()}` };
    } else if (headers) {
      delete headers.Authorization;
    }
    await this.next.execute(context);
  }
}

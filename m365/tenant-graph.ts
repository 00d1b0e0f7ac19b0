import {
  AuthenticationHandler,
  type AuthenticationProvider,
  Client,
  GraphError,
  HTTPMessageHandler,
  type Middleware,
  TelemetryHandler,
} from '@microsoft/microsoft-graph-client';
import type { Logger } from '../common/logger';
import { M365Error } from './errors';
import { PlainHttpBearerHandler, RetryAndLogHandler } from './graph-middleware';
import type { HttpTransport } from './https-fetch';
import { failureFromGraphError, mapGraphFailure, mapNetworkFailure } from './map-error';
import type { AnswerObserver } from './observe-answers';
import { CallRecord, isNetworkFailure } from './retry-loop';
import type { RetryPolicy } from './retry-policy';
import { graphScope, type TokenSource } from './token-source';

/** Per call: whether a POST may be resent after a network failure, and what the call is about (for messages). */
export interface GraphCallOptions {
  idempotent?: boolean;
  subject?: string;
  headers?: Record<string, string>;
  /** "delete": a change Microsoft refuses an app on a user holding an admin role, without a privileged role itself. */
  protectedChange?: string;
}

export interface TenantGraphOptions {
  tenantId: string;
  graphUrl: string;
  tokens: TokenSource;
  transport: HttpTransport;
  policy: RetryPolicy;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  onAnswer?: AnswerObserver;
}

const defaultVersion = 'v1.0';

/**
 * Graph for one tenant through the real SDK client (`Client.initWithMiddleware`), answering parsed JSON and
 * throwing only M365Error.
 */
export class TenantGraph {
  readonly tenantId: string;
  private readonly client: Client;
  private readonly base: URL;

  constructor(options: TenantGraphOptions) {
    this.tenantId = options.tenantId;
    this.base = new URL(options.graphUrl);
    const authProvider: AuthenticationProvider = {
      getAccessToken: async () => (await options.tokens.acquireToken(options.tenantId, graphScope)).token,
    };
    const bearer: Middleware =
      this.base.protocol === 'https:'
        ? new AuthenticationHandler(authProvider)
        : new PlainHttpBearerHandler(this.base.origin, authProvider);
    this.client = Client.initWithMiddleware({
      baseUrl: options.graphUrl.replace(/\/+$/, ''),
      defaultVersion,
      // The SDK compares hostnames without the port.
      customHosts: new Set([this.base.hostname]),
      fetchOptions: options.transport.fetchOptions,
      middleware: [
        new RetryAndLogHandler({
          tenantId: options.tenantId,
          policy: options.policy,
          logger: options.logger,
          sleep: options.sleep,
          onAnswer: options.onAnswer,
        }),
        bearer,
        new TelemetryHandler(),
        new HTTPMessageHandler(),
      ],
    });
  }

  get<T>(path: string, options: GraphCallOptions = {}): Promise<T> {
    return this.send<T>('GET', path, undefined, options);
  }

  /** GET that answers null for 404 (Graph's "does not exist"). */
  async getOrNull<T>(path: string, options: GraphCallOptions = {}): Promise<T | null> {
    try {
      return await this.get<T>(path, options);
    } catch (error) {
      if (error instanceof M365Error && error.code === 'not-found') return null;
      throw error;
    }
  }

  post<T>(path: string, body: unknown, options: GraphCallOptions = {}): Promise<T> {
    return this.send<T>('POST', path, body, options);
  }

  patch(path: string, body: unknown, options: GraphCallOptions = {}): Promise<void> {
    return this.send<void>('PATCH', path, body, options);
  }

  delete(path: string, options: GraphCallOptions = {}): Promise<void> {
    return this.send<void>('DELETE', path, undefined, options);
  }

  /**
   * Whether a link (relative, or absolute as Graph gave it) points at this Graph endpoint: same origin and under the
   * same base path. A stored delta link made against another endpoint (the Graph URL changed, or the built-in
   * simulator moved) does not.
   */
  ownsLink(pathOrLink: string): boolean {
    if (!/^https?:\/\//i.test(pathOrLink)) return true;
    let link: URL;
    try {
      link = new URL(pathOrLink);
    } catch {
      return false;
    }
    const basePath = this.base.pathname.replace(/\/+$/, '');
    return link.origin === this.base.origin && link.pathname.startsWith(`${basePath}/`);
  }

  /**
   * Splits an absolute link Graph gave us (`@odata.nextLink`, `@odata.deltaLink`) into version and path; the SDK
   * parses only https links itself and would send a plain-http one to the wrong place.
   */
  private locate(pathOrLink: string): { version: string; path: string } {
    if (!/^https?:\/\//i.test(pathOrLink)) return { version: defaultVersion, path: pathOrLink };
    const link = new URL(pathOrLink);
    if (link.origin !== this.base.origin) {
      throw new M365Error('unexpected', 'Microsoft 365 returned a link to an unexpected host; the call was not made.', {
        host: link.host,
      });
    }
    const basePath = this.base.pathname.replace(/\/+$/, '');
    const rest = link.pathname.slice(basePath.length).replace(/^\/+/, '');
    const slash = rest.indexOf('/');
    return { version: rest.slice(0, slash), path: `${rest.slice(slash)}${link.search}` };
  }

  private async send<T>(method: string, pathOrLink: string, body: unknown, options: GraphCallOptions): Promise<T> {
    const record = new CallRecord(options.idempotent);
    const { version, path } = this.locate(pathOrLink);
    let request = this.client.api(path).version(version).middlewareOptions([record]);
    if (options.headers) request = request.headers(options.headers);
    try {
      switch (method) {
        case 'GET':
          return (await request.get()) as T;
        case 'POST':
          return (await request.post(body)) as T;
        case 'PATCH':
          return (await request.patch(body)) as T;
        case 'DELETE':
          return (await request.delete()) as T;
        default:
          throw new Error(`Unsupported method ${method}.`);
      }
    } catch (error) {
      throw this.mapFailure(error, record, options);
    }
  }

  private mapFailure(error: unknown, record: CallRecord, options: GraphCallOptions): M365Error {
    const context = { tenantId: this.tenantId, subject: options.subject, protectedChange: options.protectedChange };
    if (record.thrown instanceof M365Error) return record.thrown;
    if (record.thrown && isNetworkFailure(record.thrown)) {
      return mapNetworkFailure(record.thrown, { ...context, attempts: record.attempts });
    }
    if (error instanceof M365Error) return error;
    if (error instanceof GraphError && error.statusCode > 0) {
      const failure = { ...failureFromGraphError(error), attempts: record.attempts, retryAfterMs: record.retryAfterMs };
      return mapGraphFailure(failure, context);
    }
    return new M365Error(
      'unexpected',
      `A call to Microsoft 365 for tenant ${this.tenantId} failed unexpectedly; the details are in the log.`,
      { message: error instanceof Error ? error.message : String(error), attempts: record.attempts },
      { cause: error },
    );
  }
}

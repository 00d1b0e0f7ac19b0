import type { Logger } from '../common/logger';
import { buildAdminConsentUrl, readAppRoles, verifyConsent } from './consent';
import { getHttpTransport } from './https-fetch';
import { type AnswerObserver, observeTransport } from './observe-answers';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy';
import { createTenantClient } from './tenant-client';
import { createTenantClientCache } from './tenant-client-cache';
import { createTokenSource, type TokenSource } from './token-source';
import type { M365Gateway } from './types';

export { M365Error, type M365ErrorCode } from './errors';
export { globalAdministratorTemplateId } from './tenant-roles';
export type * from './types';

export interface M365GatewayOptions {
  clientId: string;
  clientSecret: string;
  /** https only (MSAL refuses anything else), e.g. https://login.microsoftonline.com */
  loginUrl: string;
  /** https, or plain http on loopback for stand-ins (design.md §3) */
  graphUrl: string;
  exchangeUrl: string;
  /** An extra PEM CA to trust for these URLs only (the in-process simulator); TLS verification stays on. */
  ca?: string;
  logger?: Logger;
  retry?: { maxRetries?: number; maxDelayMs?: number };
  /** For tests: how retries wait. */
  sleep?: (ms: number) => Promise<void>;
  /** A tenant's client and token cache are dropped after this long unused (default 30 minutes). */
  idleClientMs?: number;
  /** Time source for idleness (default Date.now). */
  now?: () => number;
  /** Told of every answer from Microsoft (each attempt) and every request that got none: for metrics. */
  onAnswer?: AnswerObserver;
}

const defaultIdleClientMs = 30 * 60_000;

/** The only way m365ops talks to Microsoft: MSAL for tokens, the Graph SDK client, Exchange's admin REST. */
export function createM365Gateway(options: M365GatewayOptions): M365Gateway {
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...stripUndefined(options.retry ?? {}) };
  const transport = getHttpTransport(options.ca);
  const msal = createTokenSource({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    loginUrl: options.loginUrl,
    transport: observeTransport(transport, 'login', options.onAnswer),
    logger: options.logger,
  });
  const clients = createTenantClientCache({
    create: (tenantId) =>
      createTenantClient({
        tenantId,
        graphUrl: options.graphUrl,
        exchangeUrl: options.exchangeUrl,
        tokens,
        transport,
        policy,
        logger: options.logger,
        sleep: options.sleep,
        onAnswer: options.onAnswer,
      }),
    forget: (tenantId) => msal.forget(tenantId),
    now: options.now ?? Date.now,
    idleMs: options.idleClientMs ?? defaultIdleClientMs,
  });
  // Every call takes a token first, so taking one is what keeps a tenant's client from going idle.
  const tokens: TokenSource = {
    acquireToken: (tenantId, scope, tokenOptions) => {
      clients.touch(tenantId);
      return msal.acquireToken(tenantId, scope, tokenOptions);
    },
    forget: (tenantId) => msal.forget(tenantId),
  };
  const forTenant = (tenantId: string) => clients.clientFor(tenantId);

  return {
    forTenant,
    verifyConsent: (tenantId) => verifyConsent(tokens, forTenant(tenantId), tenantId),
    readAppRoles: (tenantId, api) => readAppRoles(tokens, tenantId, api),
    adminConsentUrl: (consent) => buildAdminConsentUrl(options.loginUrl, options.clientId, consent),
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

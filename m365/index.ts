import type { Logger } from '../common/logger';
import { buildAdminConsentUrl, readAppRoles, verifyConsent } from './consent';
import { createHttpTransport } from './https-fetch';
import { type AnswerObserver, observeTransport } from './observe-answers';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy';
import { createTenantClient } from './tenant-client';
import { createTokenSource } from './token-source';
import type { M365Gateway, TenantClient } from './types';

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
  /** Told of every answer from Microsoft (each attempt) and every request that got none: for metrics. */
  onAnswer?: AnswerObserver;
}

/** The only way m365ops talks to Microsoft: MSAL for tokens, the Graph SDK client, Exchange's admin REST. */
export function createM365Gateway(options: M365GatewayOptions): M365Gateway {
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...stripUndefined(options.retry ?? {}) };
  const transport = createHttpTransport(options.ca);
  const tokens = createTokenSource({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    loginUrl: options.loginUrl,
    transport: observeTransport(transport, 'login', options.onAnswer),
    logger: options.logger,
  });
  const clients = new Map<string, TenantClient>();

  const forTenant = (tenantId: string): TenantClient => {
    let client = clients.get(tenantId);
    if (!client) {
      client = createTenantClient({
        tenantId,
        graphUrl: options.graphUrl,
        exchangeUrl: options.exchangeUrl,
        tokens,
        transport,
        policy,
        logger: options.logger,
        sleep: options.sleep,
        onAnswer: options.onAnswer,
      });
      clients.set(tenantId, client);
    }
    return client;
  };

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

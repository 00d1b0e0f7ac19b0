import {
  AuthError,
  ConfidentialClientApplication,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
  ServerError,
} from '@azure/msal-node';
import type { Logger } from '../common/logger';
import type { HttpTransport } from './https-fetch';
import { mapTokenError } from './map-token-error';

export const graphScope = 'https://graph.microsoft.com/.default';
export const exchangeScope = 'https://outlook.office365.com/.default';

export interface AccessToken {
  token: string;
  expiresOn: Date | null;
}

/** App-only tokens per customer tenant, through MSAL's client-credentials flow and its token cache. */
export interface TokenSource {
  /** `fresh`: ask the authority again instead of MSAL's cache (proving consent must not trust an old token). */
  acquireToken(tenantId: string, scope: string, options?: { fresh?: boolean }): Promise<AccessToken>;
  /** Drops the tenant's MSAL application and its token cache (a tenant idle for long). */
  forget(tenantId: string): void;
}

export interface TokenSourceOptions {
  clientId: string;
  clientSecret: string;
  loginUrl: string;
  transport: HttpTransport;
  logger?: Logger;
}

/** Entra's error JSON, as the token and metadata endpoints answer it. */
interface EntraErrorBody {
  error?: string;
  error_description?: string;
  error_codes?: number[];
}

/**
 * MSAL's network module on our transport, so a simulator CA given in-process is trusted for sign-in too.
 * Shapes the answer like msal-node's own HttpClient: headers as a plain object and the body parsed. Entra error
 * answers and network failures are also handed to `onEntraError`: MSAL drops both when the metadata read fails
 * (an unknown tenant answers AADSTS90002 there; an untrusted CA fails the TLS handshake) and reports only
 * `endpoints_resolution_error`.
 */
function createNetworkModule(
  transport: HttpTransport,
  onEntraError: (url: string, failure: unknown) => void,
): INetworkModule {
  const send = async <T>(url: string, method: 'GET' | 'POST', options?: NetworkRequestOptions, timeout?: number) => {
    let response: Response;
    try {
      response = await transport.fetch(url, {
        method,
        headers: options?.headers,
        body: method === 'POST' ? (options?.body ?? '') : undefined,
        signal: timeout ? AbortSignal.timeout(timeout) : undefined,
      });
    } catch (error) {
      onEntraError(url, error);
      throw error;
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const body = (await response.json()) as T;
    const entra = body as EntraErrorBody | undefined;
    if (response.status >= 400 && entra && typeof entra.error === 'string') {
      const code = entra.error_codes?.[0];
      const errorNo = code ? String(code) : undefined;
      onEntraError(url, new ServerError(entra.error, '', entra.error_description, undefined, errorNo, response.status));
    }
    const result: NetworkResponse<T> = { headers, body, status: response.status };
    return result;
  };
  return {
    sendGetRequestAsync: (url, options, timeout) => send(url, 'GET', options, timeout),
    sendPostRequestAsync: (url, options) => send(url, 'POST', options),
  };
}

export function createTokenSource(options: TokenSourceOptions): TokenSource {
  const login = new URL(options.loginUrl);
  const authorityBase = options.loginUrl.replace(/\/+$/, '');
  // The last sign-in failure per tenant, for when MSAL reports only that it could not resolve the authority.
  const lastFailures = new Map<string, unknown>();
  const networkClient = createNetworkModule(options.transport, (url, failure) => {
    const tenantId = decodeURIComponent(url.slice(authorityBase.length + 1).split(/[/?]/)[0] ?? '');
    lastFailures.set(tenantId, failure);
  });
  const applications = new Map<string, ConfidentialClientApplication>();

  const applicationFor = (tenantId: string) => {
    let application = applications.get(tenantId);
    if (!application) {
      application = new ConfidentialClientApplication({
        auth: {
          clientId: options.clientId,
          clientSecret: options.clientSecret,
          authority: `${authorityBase}/${tenantId}`,
          // Trusting the configured host means MSAL never asks Microsoft's instance discovery about it.
          knownAuthorities: [login.host],
        },
        system: { networkClient },
      });
      applications.set(tenantId, application);
    }
    return application;
  };

  // A sync asks for a tenant's SKUs, role members, delta link and first page at once: on a cold cache they share
  // one sign-in instead of each making its own.
  const inFlight = new Map<string, Promise<AccessToken>>();
  const shared = (tenantId: string, scope: string, acquire: () => Promise<AccessToken>) => {
    const key = `${tenantId} ${scope}`;
    let pending = inFlight.get(key);
    if (!pending) {
      pending = acquire().finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return pending;
  };

  return {
    acquireToken(tenantId, scope, tokenOptions) {
      const acquire = () => acquireOnce(tenantId, scope, tokenOptions);
      return tokenOptions?.fresh ? acquire() : shared(tenantId, scope, acquire);
    },
    forget(tenantId) {
      applications.delete(tenantId);
      lastFailures.delete(tenantId);
    },
  };

  async function acquireOnce(tenantId: string, scope: string, tokenOptions?: { fresh?: boolean }) {
    try {
      const result = await applicationFor(tenantId).acquireTokenByClientCredential({
        scopes: [scope],
        skipCache: tokenOptions?.fresh === true,
      });
      if (!result?.accessToken) throw new Error('MSAL returned no access token.');
      return { token: result.accessToken, expiresOn: result.expiresOn };
    } catch (error) {
      const answered = lastFailures.get(tenantId);
      lastFailures.delete(tenantId);
      const unresolved = error instanceof AuthError && error.errorCode === 'endpoints_resolution_error';
      const mapped = mapTokenError(unresolved && answered ? answered : error, tenantId);
      options.logger?.debug({ tenantId, scope, code: mapped.code, ...mapped.details }, 'token request failed');
      // A failed authority (say, an unknown tenant) must not stay cached with its metadata.
      applications.delete(tenantId);
      throw mapped;
    }
  }
}

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
  acquireToken(tenantId: string, scope: string): Promise<AccessToken>;
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
 * answers are also handed to `onEntraError`: MSAL drops the body of a failed metadata read (an unknown tenant
 * answers AADSTS90002 there) and reports only `endpoints_resolution_error`.
 */
function createNetworkModule(
  transport: HttpTransport,
  onEntraError: (url: string, status: number, body: EntraErrorBody) => void,
): INetworkModule {
  const send = async <T>(url: string, method: 'GET' | 'POST', options?: NetworkRequestOptions, timeout?: number) => {
    const response = await transport.fetch(url, {
      method,
      headers: options?.headers,
      body: method === 'POST' ? (options?.body ?? '') : undefined,
      signal: timeout ? AbortSignal.timeout(timeout) : undefined,
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const body = (await response.json()) as T;
    const entra = body as EntraErrorBody | undefined;
    if (response.status >= 400 && entra && typeof entra.error === 'string') onEntraError(url, response.status, entra);
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
  const lastEntraErrors = new Map<string, ServerError>();
  const networkClient = createNetworkModule(options.transport, (url, status, body) => {
    const tenantId = decodeURIComponent(url.slice(authorityBase.length + 1).split(/[/?]/)[0] ?? '');
    const code = body.error_codes?.[0];
    lastEntraErrors.set(
      tenantId,
      new ServerError(body.error ?? '', '', body.error_description, undefined, code ? String(code) : undefined, status),
    );
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

  return {
    async acquireToken(tenantId, scope) {
      try {
        const result = await applicationFor(tenantId).acquireTokenByClientCredential({ scopes: [scope] });
        if (!result?.accessToken) throw new Error('MSAL returned no access token.');
        return { token: result.accessToken, expiresOn: result.expiresOn };
      } catch (error) {
        const answered = lastEntraErrors.get(tenantId);
        lastEntraErrors.delete(tenantId);
        const unresolved = error instanceof AuthError && error.errorCode === 'endpoints_resolution_error';
        const mapped = mapTokenError(unresolved && answered ? answered : error, tenantId);
        options.logger?.debug({ tenantId, scope, code: mapped.code, ...mapped.details }, 'token request failed');
        // A failed authority (say, an unknown tenant) must not stay cached with its metadata.
        applications.delete(tenantId);
        throw mapped;
      }
    },
  };
}

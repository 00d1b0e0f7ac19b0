import { M365Error } from './errors';
import { exchangeScope, graphScope, type TokenSource } from './token-source';
import type { ConsentProof, TenantClient } from './types';

/**
 * Admin consent: the link an administrator opens, and the proof that it was granted. Entra's redirect says
 * which tenant consented, but its docs warn not to trust that: only a token for the tenant proves it.
 */

/** The `roles` claim of an access token (app permissions granted by admin consent); [] when absent. */
export function readTokenRoles(accessToken: string): string[] {
  const payload = accessToken.split('.')[1];
  if (!payload) return [];
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { roles?: unknown };
    return Array.isArray(claims.roles) ? claims.roles.filter((role): role is string => typeof role === 'string') : [];
  } catch {
    return []; // not a JWT we can read: treated like a token without roles, and Graph will tell
  }
}

/** The roles of a fresh token for the tenant and API (never MSAL's cache: a removed permission must show). */
export async function readAppRoles(
  tokens: TokenSource,
  tenantId: string,
  api: 'graph' | 'exchange',
): Promise<string[]> {
  const { token } = await tokens.acquireToken(tenantId, api === 'graph' ? graphScope : exchangeScope, { fresh: true });
  return readTokenRoles(token);
}

export async function verifyConsent(
  tokens: TokenSource,
  client: TenantClient,
  tenantId: string,
): Promise<ConsentProof> {
  const { token } = await tokens.acquireToken(tenantId, graphScope, { fresh: true });
  const roles = readTokenRoles(token);
  if (roles.length === 0) {
    throw new M365Error(
      'consent-missing',
      `The tenant ${tenantId} knows m365ops but its administrator has not granted it any permission yet; send them a consent link.`,
      { tenantId, roles },
    );
  }
  const organization = await client.getOrganization();
  return { tenantId, roles, organization };
}

/** The v2 admin-consent URL: `/.default` asks for every permission configured on the app registration. */
export function buildAdminConsentUrl(
  loginUrl: string,
  clientId: string,
  options: { tenant?: string; redirectUri: string; state: string },
): string {
  const query = new URLSearchParams({
    client_id: clientId,
    scope: graphScope,
    redirect_uri: options.redirectUri,
    state: options.state,
  });
  const tenant = encodeURIComponent(options.tenant ?? 'organizations');
  return `${loginUrl.replace(/\/+$/, '')}/${tenant}/v2.0/adminconsent?${query.toString()}`;
}

import type { SimRequest, SimResponse } from '../http/sim-http';
import { findTenant, type SimState, type SimTenant } from '../state/tenant-state';
import { permissionDescriptions } from './app-roles';
import { tenantNotFoundMessage, unknownAppMessage } from './entra-errors';

/**
 * Admin consent at `/{tenant}/adminconsent` (v1) and `/{tenant}/v2.0/adminconsent` (v2). GET shows the page an
 * administrator sees; the page's form POSTs back to the same URL with `decision=accept|cancel` (and `tenant`
 * when the path says organizations/common), which is also how tests and scripts consent without a browser.
 * Accept creates the service principal with its app roles and redirects like Entra.
 */

const openTenants = new Set(['common', 'organizations']);

function escapeHtml(value: string): string {
  return value.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function errorPage(code: number, message: string): SimResponse {
  return {
    status: 400,
    text: `<!doctype html><html><head><title>Sign in to your account</title></head><body>
<h1>Sign in</h1><p>Sorry, but we’re having trouble signing you in.</p>
<p id="error">AADSTS${code}: ${escapeHtml(message)}</p></body></html>`,
  };
}

function redirectTo(redirectUri: string, parameters: Record<string, string | undefined>): SimResponse {
  const target = new URL(redirectUri);
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined) target.searchParams.set(name, value);
  }
  return { status: 302, headers: { Location: target.toString(), 'Cache-Control': 'no-store' } };
}

/**
 * The tenant an `organizations` link was most likely made for, preselected on the page: the one a `domain_hint`
 * (or a `login_hint`'s domain) names, else the first that has not consented yet — a link without a tenant is made
 * for a customer whose tenant m365ops does not know, one that has not consented.
 */
function likelyTenant(state: SimState, parameters: URLSearchParams): SimTenant | undefined {
  const hint = parameters.get('domain_hint') ?? parameters.get('login_hint')?.split('@')[1];
  const hinted = hint ? findTenant(state, hint) : undefined;
  if (hinted) return hinted;
  return [...state.tenants.values()].find((tenant) => tenant.consent === 'none');
}

function consentPage(state: SimState, action: string, parameters: URLSearchParams, tenant?: SimTenant): string {
  const hidden = ['client_id', 'redirect_uri', 'state', 'scope']
    .filter((name) => parameters.has(name))
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(parameters.get(name) ?? '')}">`)
    .join('\n');
  const tenantField = tenant
    ? `<p>Signed in as an administrator of <b>${escapeHtml(tenant.displayName)}</b> (${tenant.id}).</p>
<input type="hidden" name="tenant" value="${tenant.id}">`
    : `<label>Sign in as an administrator of <select name="tenant">${[...state.tenants.values()]
        .map((candidate) => {
          const selected = candidate === likelyTenant(state, parameters) ? ' selected' : '';
          return `<option value="${candidate.id}"${selected}>${escapeHtml(candidate.displayName)}</option>`;
        })
        .join('')}</select></label>`;
  const permissions = permissionDescriptions
    .map((p) => `<li>${escapeHtml(p.description)} <small>(${escapeHtml(p.resource)}: ${p.role})</small></li>`)
    .join('\n');
  return `<!doctype html><html><head><title>Permissions requested</title></head><body>
<h1>Permissions requested</h1>
<p><b>${escapeHtml(state.app.displayName)}</b> (${state.app.clientId}) asks for these permissions for your whole organization:</p>
<ul>${permissions}</ul>
<form method="POST" action="${escapeHtml(action)}">
${tenantField}
${hidden}
<button type="submit" name="decision" value="accept">Accept</button>
<button type="submit" name="decision" value="cancel">Cancel</button>
</form></body></html>`;
}

/** Answers an admin-consent route, or undefined when the path is not one. */
export function handleAdminConsent(state: SimState, request: SimRequest): SimResponse | undefined {
  const match = /^\/([^/]+)\/(v2\.0\/)?adminconsent$/.exec(request.path);
  if (!match || (request.method !== 'GET' && request.method !== 'POST')) return undefined;
  const tenantSegment = match[1] as string;
  const v2 = Boolean(match[2]);
  const parameters = request.method === 'POST' ? new URLSearchParams(request.rawBody) : request.query;
  const open = openTenants.has(tenantSegment.toLowerCase());
  const pathTenant = open ? undefined : findTenant(state, tenantSegment);
  if (!open && !pathTenant) return errorPage(90002, tenantNotFoundMessage(tenantSegment));

  const clientId = parameters.get('client_id') ?? '';
  if (!clientId) return errorPage(900144, "The request body must contain the following parameter: 'client_id'.");
  if (clientId.toLowerCase() !== state.app.clientId) {
    return errorPage(700016, unknownAppMessage(clientId, pathTenant?.id ?? tenantSegment));
  }
  const redirectUri = parameters.get('redirect_uri') ?? '';
  if (!state.app.redirectUris.includes(redirectUri)) {
    return errorPage(
      50011,
      `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
    );
  }
  const scope = parameters.get('scope') ?? undefined;
  if (v2 && !scope) return errorPage(900144, "The request body must contain the following parameter: 'scope'.");
  const stateParameter = parameters.get('state') ?? undefined;

  if (request.method === 'GET') {
    return { status: 200, text: consentPage(state, request.path, parameters, pathTenant) };
  }
  const decision = parameters.get('decision');
  if (decision !== 'accept') {
    return redirectTo(redirectUri, {
      error: 'access_denied',
      error_subcode: 'cancel',
      error_description: 'AADSTS65004: User declined to consent to access the app.',
      state: stateParameter,
    });
  }
  const tenant = pathTenant ?? findTenant(state, parameters.get('tenant') ?? '');
  if (!tenant) return errorPage(90002, tenantNotFoundMessage(parameters.get('tenant') ?? ''));
  tenant.consent = 'granted';
  return redirectTo(redirectUri, {
    admin_consent: 'True',
    tenant: tenant.id,
    state: stateParameter,
    ...(v2 ? { scope } : {}),
  });
}

import type { SimRequest, SimResponse } from '../http/sim-http';
import { findTenant, type SimState } from '../state/tenant-state';
import type { TokenIssuer } from './access-tokens';
import { grantedRoles } from './app-roles';
import { entraError, tenantNotFoundMessage, unknownAppMessage } from './entra-errors';

/**
 * The sign-in authority: OpenID metadata (what MSAL reads before its first token), signing keys, and the
 * client-credentials token endpoint with Entra's AADSTS answers.
 */

export interface SignInContext {
  state: SimState;
  tokens: TokenIssuer;
  loginUrl: string;
  tokenLifetimeSeconds: number;
}

const openTenants = new Set(['common', 'organizations', 'consumers']);

function openIdConfiguration(context: SignInContext, tenantSegment: string): SimResponse {
  const open = openTenants.has(tenantSegment.toLowerCase());
  const tenant = open ? undefined : findTenant(context.state, tenantSegment);
  if (!open && !tenant) {
    return entraError(400, 'invalid_tenant', 90002, tenantNotFoundMessage(tenantSegment), context.state.now());
  }
  const base = context.loginUrl;
  const tid = tenant?.id ?? '{tenantid}';
  const path = tenant ? tenant.id : tenantSegment;
  return {
    status: 200,
    body: {
      token_endpoint: `${base}/${path}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/${path}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${base}/${tid}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${base}/oidc/userinfo`,
      authorization_endpoint: `${base}/${path}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/${path}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/${path}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'tid', 'ver', 'roles'],
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
    },
  };
}

function clientSecretOf(request: SimRequest, form: URLSearchParams): { clientId?: string; secret?: string } {
  const basic = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1] as string, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  }
  return { clientId: form.get('client_id') ?? undefined, secret: form.get('client_secret') ?? undefined };
}

function issueToken(context: SignInContext, request: SimRequest, tenantSegment: string): SimResponse {
  const { state } = context;
  const now = state.now();
  const form = new URLSearchParams(request.rawBody);
  const correlationId = form.get('client-request-id') ?? request.headers['client-request-id'];
  const fail = (status: number, error: string, code: number, message: string) =>
    entraError(status, error, code, message, now, correlationId ?? undefined);

  const tenant = findTenant(state, tenantSegment);
  if (!tenant) return fail(400, 'invalid_request', 90002, tenantNotFoundMessage(tenantSegment));
  const grantType = form.get('grant_type');
  if (grantType !== 'client_credentials') {
    return fail(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grantType ?? ''}'.`,
    );
  }
  const { clientId, secret } = clientSecretOf(request, form);
  if (!clientId)
    return fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
  if (clientId.toLowerCase() !== state.app.clientId) {
    return fail(400, 'unauthorized_client', 700016, unknownAppMessage(clientId, tenant.id));
  }
  if (!secret) {
    return fail(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }
  if (secret !== state.app.clientSecret) {
    return fail(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    );
  }
  if (tenant.consent === 'none') {
    return fail(
      401,
      'invalid_client',
      7000229,
      `The client application ${clientId} is missing service principal in the tenant ${tenant.id}. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119`,
    );
  }
  const scope = form.get('scope') ?? '';
  const resource = scope.endsWith('/.default') ? scope.slice(0, -'/.default'.length) : undefined;
  const roles = resource ? grantedRoles(resource, tenant.withheldPermissions) : undefined;
  if (!roles || scope.includes(' ')) {
    return fail(
      400,
      'invalid_scope',
      70011,
      `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
    );
  }
  return tokenResponse(context, tenant, resource as string, roles);
}

/** The access token of a granted client-credentials sign-in (with the app's roles once consent gave them). */
function tokenResponse(
  context: SignInContext,
  tenant: NonNullable<ReturnType<typeof findTenant>>,
  resource: string,
  roles: string[],
): SimResponse {
  const { state } = context;
  const accessToken = context.tokens.issue(
    {
      aud: resource,
      iss: `https://sts.windows.net/${tenant.id}/`,
      tid: tenant.id,
      appid: state.app.clientId,
      azp: state.app.clientId,
      oid: state.app.clientId,
      sub: state.app.clientId,
      ...(tenant.consent === 'granted' && roles.length > 0 ? { roles } : {}),
    },
    context.tokenLifetimeSeconds,
  );
  return {
    status: 200,
    headers: { 'Cache-Control': 'no-store, no-cache' },
    body: {
      token_type: 'Bearer',
      expires_in: context.tokenLifetimeSeconds,
      ext_expires_in: context.tokenLifetimeSeconds,
      access_token: accessToken,
    },
  };
}

/** Answers a sign-in route, or undefined when the path is not one. */
export function handleSignIn(context: SignInContext, request: SimRequest): SimResponse | undefined {
  const match = /^\/([^/]+)\/(.+)$/.exec(request.path);
  if (!match) return undefined;
  const [, tenantSegment, rest] = match as unknown as [string, string, string];
  if (
    request.method === 'GET' &&
    (rest === 'v2.0/.well-known/openid-configuration' || rest === '.well-known/openid-configuration')
  ) {
    return openIdConfiguration(context, tenantSegment);
  }
  if (request.method === 'GET' && (rest === 'discovery/v2.0/keys' || rest === 'discovery/keys')) {
    return { status: 200, body: context.tokens.jwks() };
  }
  if (rest === 'oauth2/v2.0/token' || rest === 'oauth2/token') {
    if (request.method !== 'POST') {
      return entraError(
        405,
        'invalid_request',
        900561,
        'The endpoint only accepts POST, OPTIONS requests. Received a GET request.',
        context.state.now(),
      );
    }
    return issueToken(context, request, tenantSegment);
  }
  return undefined;
}

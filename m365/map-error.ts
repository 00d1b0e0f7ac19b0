import type { GraphError } from '@microsoft/microsoft-graph-client';
import { M365Error } from './errors';

/**
 * Turns what Microsoft answered into an M365Error with a sentence a helpdesk user can act on. The matching
 * follows the codes and messages Graph and Entra really send (shared/reference/microsoft-graph-and-entra.md).
 */

/** One failed Graph answer, from the SDK's GraphError or from an item of a `$batch`. */
export interface GraphFailure {
  status: number;
  graphCode?: string;
  graphMessage?: string;
  requestId?: string;
  /** `error.details[].target` when Graph names the offending property. */
  targets?: string[];
  attempts?: number;
  retryAfterMs?: number;
}

/** What the call was about, for the sentence: the tenant, and the user or SKU it concerned. */
export interface FailureContext {
  tenantId: string;
  subject?: string;
  /** What the call does to a user ("delete"), when Microsoft protects administrators from it (design: setup §3). */
  protectedChange?: string;
}

interface GraphErrorBody {
  code?: unknown;
  message?: unknown;
  innerError?: { 'request-id'?: unknown };
  details?: { target?: unknown; code?: unknown }[];
}

/** Reads Graph's `{"error":{…}}` envelope (body already parsed), tolerating anything else. */
export function failureFromBody(status: number, body: unknown, headers?: Record<string, string>): GraphFailure {
  const error = (body as { error?: GraphErrorBody } | undefined)?.error;
  const failure: GraphFailure = { status };
  if (error && typeof error === 'object') {
    if (typeof error.code === 'string') failure.graphCode = error.code;
    if (typeof error.message === 'string') failure.graphMessage = error.message;
    const requestId = error.innerError?.['request-id'];
    if (typeof requestId === 'string') failure.requestId = requestId;
    if (Array.isArray(error.details)) {
      failure.targets = error.details.map((d) => d?.target).filter((t): t is string => typeof t === 'string');
    }
  }
  failure.requestId ??= headers?.['request-id'] ?? headers?.['Request-Id'];
  return failure;
}

/** Reads the SDK's GraphError (its `body` is the JSON text of Graph's `error` object). */
export function failureFromGraphError(error: GraphError): GraphFailure {
  let parsed: unknown;
  if (typeof error.body === 'string') {
    try {
      parsed = JSON.parse(error.body);
    } catch {
      parsed = undefined; // not JSON: the message below still carries what Graph said
    }
  }
  const failure = failureFromBody(error.statusCode, parsed ? { error: parsed } : undefined);
  failure.graphCode ??= error.code ?? undefined;
  failure.graphMessage ??= error.message || undefined;
  failure.requestId ??= error.requestId ?? error.headers?.get('request-id') ?? undefined;
  return failure;
}

function detailsOf(failure: GraphFailure): Record<string, unknown> {
  const details: Record<string, unknown> = {
    status: failure.status,
    graphCode: failure.graphCode,
    graphMessage: failure.graphMessage,
    requestId: failure.requestId,
  };
  if (failure.attempts !== undefined) details.attempts = failure.attempts;
  if (failure.retryAfterMs !== undefined) details.retryAfterMs = failure.retryAfterMs;
  return details;
}

const skuInMessage = /(?:SKU|License)\s+([0-9a-fA-F-]{36})/;

/** Every Graph failure of the reference, mapped to its code and a plain sentence. */
export function mapGraphFailure(failure: GraphFailure, context: FailureContext): M365Error {
  const details = detailsOf(failure);
  const message = failure.graphMessage ?? '';
  const code = failure.graphCode ?? '';
  const subject = context.subject;
  const make: MakeError = (errorCode, sentence) => new M365Error(errorCode, sentence, details);

  if (code === 'syncStateNotFound' || code === 'resyncRequired' || failure.status === 410) {
    return make(
      'delta-expired',
      `The saved sync position for tenant ${context.tenantId} has expired; the tenant's users must be read in full again.`,
    );
  }
  if (failure.status === 429 || failure.status === 503 || failure.status === 504) {
    const tries = failure.attempts ? ` after ${failure.attempts} attempts` : '';
    return make(
      'throttled',
      `Microsoft 365 is throttling requests for tenant ${context.tenantId}${tries}; try again in a few minutes.`,
    );
  }
  if (failure.status === 403 && code === 'Authorization_RequestDenied' && context.protectedChange) {
    const change = context.protectedChange;
    return make(
      'admin-protected',
      `Microsoft 365 refused to ${change} this user in tenant ${context.tenantId} ("${message || 'Insufficient privileges to complete the operation.'}"). Microsoft lets an app ${change} a user who holds an administrator role only when the app itself holds a privileged directory role (Privileged Authentication Administrator), which m365ops does not ask for: remove their admin role first (\`revoke admin\`) or do it in the Microsoft 365 admin center. If they hold no admin role, the tenant's consent is incomplete: send its administrator a consent link.`,
    );
  }
  if (failure.status === 403 && code === 'Authorization_RequestDenied') {
    return make(
      'consent-missing',
      `The tenant ${context.tenantId} has not granted m365ops the permissions this needs (admin consent missing or incomplete); send its administrator a consent link.`,
    );
  }
  if (failure.status === 401) {
    return make(
      'bad-credentials',
      `Microsoft 365 rejected m365ops's access token for tenant ${context.tenantId}; check the app registration and its consent.`,
    );
  }
  if (failure.status === 404) {
    return make('not-found', `${subject ?? 'The requested object'} does not exist in tenant ${context.tenantId}.`);
  }
  const byMessage = mapByMessage(failure, subject, make);
  if (byMessage) return byMessage;
  if (failure.status >= 500) {
    return make(
      'unavailable',
      `Microsoft 365 failed to answer for tenant ${context.tenantId} (status ${failure.status}); try again in a few minutes.`,
    );
  }
  if (failure.status >= 400) {
    return make('bad-request', `Microsoft 365 refused the request: ${message || `status ${failure.status}`}`);
  }
  return make(
    'unexpected',
    `Microsoft 365 answered tenant ${context.tenantId}'s request in an unexpected way (status ${failure.status}); the details are in the log.`,
  );
}

type MakeError = (code: ConstructorParameters<typeof M365Error>[0], sentence: string) => M365Error;

/** The failures Graph and Exchange tell apart only by their message. */
function mapByMessage(failure: GraphFailure, subject: string | undefined, make: MakeError): M365Error | undefined {
  const message = failure.graphMessage ?? '';
  if (/same value for property userPrincipalName/i.test(message) || failure.targets?.includes('userPrincipalName')) {
    return make(
      'duplicate-upn',
      `A user named ${subject ?? 'with this user principal name'} already exists in the tenant; choose another name or link the existing user.`,
    );
  }
  // Graph's wording, then Exchange's (Set-Mailbox) for the same conflict.
  if (/same value for property (proxyAddresses|mail)|already being used by the proxy addresses/i.test(message)) {
    return make(
      'duplicate-address',
      'Another user or group in the tenant already uses one of these email addresses; choose a different address.',
    );
  }
  if (/domain portion of the userPrincipalName property is invalid/i.test(message)) {
    return make(
      'unverified-domain',
      `The domain of ${subject ?? 'the user principal name'} is not a verified domain of the tenant; use one of its verified domains or its onmicrosoft.com domain.`,
    );
  }
  if (/isn't an accepted domain for your organization/i.test(message)) {
    return make(
      'unverified-domain',
      'One of the addresses uses a domain the tenant has not verified; use addresses on its verified domains.',
    );
  }
  const trustee = /User or group "([^"]*)" wasn't found/i.exec(message);
  if (trustee) {
    return make(
      'not-found',
      `No user or group ${trustee[1]} exists in the tenant to give mailbox access to; check the address.`,
    );
  }
  if (/password complexity/i.test(message)) {
    return make(
      'weak-password',
      "The password does not meet the tenant's complexity rules: use 8 to 256 characters with three of upper case, lower case, digits and symbols.",
    );
  }
  if (/invalid usage location/i.test(message)) {
    return make(
      'invalid-usage-location',
      `Licences cannot be assigned to ${subject ?? 'a user'} without a valid usage location; set a two-letter country code such as US or GB first.`,
    );
  }
  if (/does not have any available licenses/i.test(message)) {
    const sku = skuInMessage.exec(message)?.[1];
    return make(
      'no-licenses',
      `The tenant has no free licences left${sku ? ` for SKU ${sku}` : ''}; buy more or free one before assigning it.`,
    );
  }
  if (/does not correspond to a valid company License/i.test(message) || /expected type 'Edm\.Guid'/i.test(message)) {
    const sku = skuInMessage.exec(message)?.[1];
    return make(
      'unknown-sku',
      `The licence ${sku ?? 'given'} is not one the tenant subscribes to; pick one of the tenant's subscribed SKUs.`,
    );
  }
  return undefined;
}

/** A request that never got an answer (refused connection, reset, DNS, TLS). */
export function mapNetworkFailure(error: unknown, context: FailureContext & { attempts?: number }): M365Error {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  return new M365Error(
    'unavailable',
    `Microsoft 365 could not be reached for tenant ${context.tenantId}; try again in a few minutes.`,
    {
      network: String((error as { message?: unknown } | null)?.message ?? error),
      networkCode: typeof cause?.code === 'string' ? cause.code : undefined,
      attempts: context.attempts,
    },
    { cause: error },
  );
}

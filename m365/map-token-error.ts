import { AuthError, ServerError } from '@azure/msal-node';
import { M365Error } from './errors';
import { isNetworkFailure } from './retry-loop';

/**
 * Sign-in failures (Entra's AADSTS errors, as MSAL reports them) mapped to M365Error. The description MSAL
 * keeps holds only trace and correlation ids, never the secret, so it is safe in `details`.
 */

const aadstsPattern = /AADSTS(\d+)/;

/** The AADSTS number of an MSAL error: `errorNo` when MSAL parsed `error_codes`, else from the description. */
export function readAadstsCode(error: AuthError): string | undefined {
  if (error instanceof ServerError && error.errorNo) return String(error.errorNo);
  return aadstsPattern.exec(error.errorMessage ?? '')?.[1] ?? aadstsPattern.exec(error.message ?? '')?.[1];
}

export function mapTokenError(error: unknown, tenantId: string): M365Error {
  if (error instanceof M365Error) return error;
  if (isNetworkFailure(error)) {
    return new M365Error(
      'unavailable',
      `Microsoft sign-in could not be reached for tenant ${tenantId}; try again in a few minutes.`,
      { network: (error as { cause?: { message?: unknown } }).cause?.message },
      { cause: error },
    );
  }
  if (!(error instanceof AuthError)) {
    return new M365Error(
      'unexpected',
      `Signing in to tenant ${tenantId} failed unexpectedly; the details are in the log.`,
      { message: error instanceof Error ? error.message : String(error) },
      { cause: error },
    );
  }
  const aadsts = readAadstsCode(error);
  const status = error instanceof ServerError ? error.status : undefined;
  const details = {
    aadsts: aadsts ? `AADSTS${aadsts}` : undefined,
    error: error.errorCode,
    description: error.errorMessage?.split('\r\n')[0],
    status,
  };
  switch (aadsts) {
    case '700016':
    case '7000229':
      return new M365Error(
        'consent-missing',
        `The tenant ${tenantId} has not granted admin consent to m365ops yet; send its administrator a consent link (\`consent link <customer>\`).`,
        details,
      );
    case '7000215':
    case '7000222':
    case '7000216':
      return new M365Error(
        'bad-credentials',
        aadsts === '7000222'
          ? "m365ops's client secret has expired; the operator must create a new one and set M365_CLIENT_SECRET."
          : "Microsoft sign-in rejected m365ops's client secret; the operator must set the secret's value (not its id) in M365_CLIENT_SECRET.",
        details,
      );
    case '90002':
    case '900023':
      return new M365Error(
        'tenant-not-found',
        `Microsoft has no tenant ${tenantId}; check the customer's tenant id or primary domain.`,
        details,
      );
    default:
      break;
  }
  if (error.errorCode === 'network_error' || error.errorCode === 'network_request_failed') {
    return new M365Error(
      'unavailable',
      `Microsoft sign-in could not be reached for tenant ${tenantId}; try again in a few minutes.`,
      details,
      { cause: error },
    );
  }
  if (status === 429 || (status !== undefined && status >= 500)) {
    return new M365Error(
      status === 429 ? 'throttled' : 'unavailable',
      `Microsoft sign-in is ${status === 429 ? 'throttling' : 'failing'} for tenant ${tenantId}; try again in a few minutes.`,
      details,
    );
  }
  return new M365Error(
    'unexpected',
    `Signing in to tenant ${tenantId} failed (${details.aadsts ?? error.errorCode}); the details are in the log.`,
    details,
  );
}

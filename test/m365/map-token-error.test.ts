import { AuthError, ServerError } from '@azure/msal-node';
import { mapTokenError } from '../../m365/map-token-error';

const tenantId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

/** The ServerError MSAL builds from Entra's token error JSON (error, error_description, error_codes, status). */
function entraError(error: string, code: number, description: string, status: number): ServerError {
  const message = `Error(s): ${code} - Timestamp: 2025-01-06 12:00:00Z - Description: ${description}\r\nTrace ID: t\r\nCorrelation ID: c - Correlation ID: c - Trace ID: t`;
  return new ServerError(error, 'c', message, undefined, String(code), status);
}

describe('mapTokenError', () => {
  it('maps an app unknown in the tenant (AADSTS700016) to missing consent', () => {
    const error = mapTokenError(
      entraError(
        'unauthorized_client',
        700016,
        "AADSTS700016: Application with identifier 'app' was not found in the directory 'fabrikam'.",
        400,
      ),
      tenantId,
    );
    expect(error.code).toBe('consent-missing');
    expect(error.message).toBe(
      'The tenant 7c9e6679-7425-40de-944b-e07fc1f90ae7 has not granted admin consent to m365ops yet; send its administrator a consent link (`consent link <customer>`).',
    );
    expect(error.details).toMatchObject({ aadsts: 'AADSTS700016', error: 'unauthorized_client', status: 400 });
  });

  it('maps a missing service principal (AADSTS7000229) to missing consent', () => {
    const error = mapTokenError(
      entraError(
        'invalid_client',
        7000229,
        'AADSTS7000229: The client application app is missing service principal in the tenant t.',
        401,
      ),
      tenantId,
    );
    expect(error.code).toBe('consent-missing');
  });

  it('maps a wrong secret (AADSTS7000215) to bad credentials', () => {
    const error = mapTokenError(
      entraError('invalid_client', 7000215, 'AADSTS7000215: Invalid client secret provided.', 401),
      tenantId,
    );
    expect(error.code).toBe('bad-credentials');
    expect(error.message).toBe(
      "Microsoft sign-in rejected m365ops's client secret; the operator must set the secret's value (not its id) in M365_CLIENT_SECRET.",
    );
  });

  it('maps an expired secret (AADSTS7000222) to bad credentials', () => {
    const error = mapTokenError(
      entraError(
        'invalid_client',
        7000222,
        "AADSTS7000222: The provided client secret keys for app 'app' are expired.",
        401,
      ),
      tenantId,
    );
    expect(error.code).toBe('bad-credentials');
    expect(error.message).toMatch(/has expired/);
  });

  it('maps an unknown tenant (AADSTS90002)', () => {
    const error = mapTokenError(
      entraError('invalid_request', 90002, "AADSTS90002: Tenant 'nowhere' not found.", 400),
      tenantId,
    );
    expect(error.code).toBe('tenant-not-found');
    expect(error.message).toBe(
      "Microsoft has no tenant 7c9e6679-7425-40de-944b-e07fc1f90ae7; check the customer's tenant id or primary domain.",
    );
  });

  it('reads the AADSTS number from the description when error_codes is absent', () => {
    const error = mapTokenError(
      new ServerError('invalid_request', 'c', "AADSTS90002: Tenant 'x' not found."),
      tenantId,
    );
    expect(error.code).toBe('tenant-not-found');
  });

  it('maps a sign-in network failure to unavailable', () => {
    expect(mapTokenError(new AuthError('network_error', 'Network request failed'), tenantId).code).toBe('unavailable');
    expect(mapTokenError(new TypeError('fetch failed'), tenantId).code).toBe('unavailable');
  });

  it('maps anything else to unexpected with the Entra code in details', () => {
    const error = mapTokenError(
      entraError(
        'invalid_scope',
        70011,
        "AADSTS70011: The provided value for the input parameter 'scope' is not valid.",
        400,
      ),
      tenantId,
    );
    expect(error.code).toBe('unexpected');
    expect(error.details.aadsts).toBe('AADSTS70011');
  });
});

import { failureFromBody, mapGraphFailure, mapNetworkFailure } from '../../m365/map-error';

/** Graph's error envelope as the directory workload sends it (shared/reference §0). */
function graphError(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  return failureFromBody(status, {
    error: {
      code,
      message,
      innerError: { date: '2025-01-06T12:25:59', 'request-id': 'req-1', 'client-request-id': 'client-1' },
      ...extra,
    },
  });
}

const tenant = { tenantId: '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60' };

describe('failureFromBody', () => {
  it('keeps status, code, message, request id and detail targets', () => {
    const failure = graphError(400, 'Request_BadRequest', 'Another object …', {
      details: [{ target: 'userPrincipalName', code: 'ObjectConflict' }],
    });
    expect(failure).toEqual({
      status: 400,
      graphCode: 'Request_BadRequest',
      graphMessage: 'Another object …',
      requestId: 'req-1',
      targets: ['userPrincipalName'],
    });
  });

  it('tolerates a body that is not Graph JSON', () => {
    expect(failureFromBody(502, '<html>bad gateway</html>')).toEqual({ status: 502, requestId: undefined });
  });
});

describe('mapGraphFailure', () => {
  it('maps a duplicate UPN', () => {
    const error = mapGraphFailure(
      graphError(
        400,
        'Request_BadRequest',
        'Another object with the same value for property userPrincipalName already exists.',
        { details: [{ target: 'userPrincipalName', code: 'ObjectConflict' }] },
      ),
      { ...tenant, subject: 'jane@contoso.com' },
    );
    expect(error.code).toBe('duplicate-upn');
    expect(error.message).toBe(
      'A user named jane@contoso.com already exists in the tenant; choose another name or link the existing user.',
    );
    expect(error.details).toMatchObject({ status: 400, graphCode: 'Request_BadRequest', requestId: 'req-1' });
  });

  it('maps a proxy address conflict', () => {
    const error = mapGraphFailure(
      graphError(
        400,
        'Request_BadRequest',
        'Another object with the same value for property proxyAddresses already exists.',
      ),
      tenant,
    );
    expect(error.code).toBe('duplicate-address');
    expect(error.message).toMatch(/already uses one of these email addresses/);
  });

  it('maps an address Exchange says another mailbox uses', () => {
    const error = mapGraphFailure(
      graphError(
        400,
        'BadRequest',
        'The proxy address "smtp:finance@contoso.com" is already being used by the proxy addresses or LegacyExchangeDN of "diego.siciliani@contoso.com". Please choose another proxy address.',
      ),
      tenant,
    );
    expect(error.code).toBe('duplicate-address');
  });

  it('maps an address on a domain Exchange does not accept', () => {
    const error = mapGraphFailure(
      graphError(
        400,
        'BadRequest',
        "The domain 'contoso.org' in the e-mail address \"smtp:jane@contoso.org\" isn't an accepted domain for your organization.",
      ),
      tenant,
    );
    expect(error.code).toBe('unverified-domain');
    expect(error.message).toBe(
      'One of the addresses uses a domain the tenant has not verified; use addresses on its verified domains.',
    );
  });

  it('maps an unverified domain', () => {
    const error = mapGraphFailure(
      graphError(
        400,
        'Request_BadRequest',
        'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.',
      ),
      { ...tenant, subject: 'jane@contoso.org' },
    );
    expect(error.code).toBe('unverified-domain');
    expect(error.message).toBe(
      'The domain of jane@contoso.org is not a verified domain of the tenant; use one of its verified domains or its onmicrosoft.com domain.',
    );
  });

  it('maps a weak password', () => {
    const error = mapGraphFailure(
      graphError(
        400,
        'Request_BadRequest',
        'The specified password does not comply with password complexity requirements. Please provide a different password.',
      ),
      tenant,
    );
    expect(error.code).toBe('weak-password');
    expect(error.message).toMatch(/complexity rules/);
  });

  it('maps a missing usage location on licence assignment', () => {
    const error = mapGraphFailure(
      graphError(400, 'Request_BadRequest', 'License assignment cannot be done for user with invalid usage location.'),
      { ...tenant, subject: 'jane@contoso.com' },
    );
    expect(error.code).toBe('invalid-usage-location');
    expect(error.message).toBe(
      'Licences cannot be assigned to jane@contoso.com without a valid usage location; set a two-letter country code such as US or GB first.',
    );
  });

  it('maps a subscription without free licences, naming the SKU', () => {
    const error = mapGraphFailure(
      graphError(
        400,
        'Request_BadRequest',
        'Subscription with SKU 3b555118-da6a-4418-894f-7df1e2096870 does not have any available licenses.',
      ),
      tenant,
    );
    expect(error.code).toBe('no-licenses');
    expect(error.message).toBe(
      'The tenant has no free licences left for SKU 3b555118-da6a-4418-894f-7df1e2096870; buy more or free one before assigning it.',
    );
  });

  it('maps a SKU the tenant does not have', () => {
    const error = mapGraphFailure(
      graphError(
        400,
        'Request_BadRequest',
        'License 11111111-2222-3333-4444-555555555555 does not correspond to a valid company License.',
      ),
      tenant,
    );
    expect(error.code).toBe('unknown-sku');
    expect(error.message).toBe(
      "The licence 11111111-2222-3333-4444-555555555555 is not one the tenant subscribes to; pick one of the tenant's subscribed SKUs.",
    );
  });

  it('maps a SKU id that is not a GUID', () => {
    const error = mapGraphFailure(
      graphError(
        400,
        'Request_BadRequest',
        "Cannot convert a primitive value to the expected type 'Edm.Guid'. See the inner exception for more details.",
      ),
      tenant,
    );
    expect(error.code).toBe('unknown-sku');
  });

  it('maps 403 Authorization_RequestDenied to missing consent', () => {
    const error = mapGraphFailure(
      graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
      tenant,
    );
    expect(error.code).toBe('consent-missing');
    expect(error.message).toBe(
      'The tenant 0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60 has not granted m365ops the permissions this needs (admin consent missing or incomplete); send its administrator a consent link.',
    );
  });

  it('maps 403 Authorization_RequestDenied on a change Microsoft protects admins from to that reason', () => {
    const error = mapGraphFailure(
      graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
      { ...tenant, subject: 'u-1', protectedChange: 'delete' },
    );
    expect(error.code).toBe('admin-protected');
    expect(error.message).toBe(
      'Microsoft 365 refused to delete this user in tenant 0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60 ("Insufficient privileges to complete the operation."). Microsoft lets an app delete a user who holds an administrator role only when the app itself holds a privileged directory role (Privileged Authentication Administrator), which m365ops does not ask for: remove their admin role first (`revoke admin`) or do it in the Microsoft 365 admin center. If they hold no admin role, the tenant\'s consent is incomplete: send its administrator a consent link.',
    );
  });

  it('maps 404 to not found', () => {
    const error = mapGraphFailure(
      graphError(
        404,
        'Request_ResourceNotFound',
        "Resource 'x@contoso.com' does not exist or one of its queried reference-property objects are not present.",
      ),
      { ...tenant, subject: 'x@contoso.com' },
    );
    expect(error.code).toBe('not-found');
    expect(error.message).toBe('x@contoso.com does not exist in tenant 0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60.');
  });

  it('maps an expired delta token, by code or by 410', () => {
    expect(
      mapGraphFailure(graphError(400, 'syncStateNotFound', 'The sync state generation is not found.'), tenant).code,
    ).toBe('delta-expired');
    expect(mapGraphFailure(graphError(400, 'resyncRequired', 'Resync required.'), tenant).code).toBe('delta-expired');
    expect(mapGraphFailure({ status: 410 }, tenant).code).toBe('delta-expired');
  });

  it('maps throttling left after retries, with the attempts made', () => {
    const error = mapGraphFailure(
      { ...graphError(429, 'TooManyRequests', 'Please retry again later.'), attempts: 7 },
      tenant,
    );
    expect(error.code).toBe('throttled');
    expect(error.message).toBe(
      'Microsoft 365 is throttling requests for tenant 0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60 after 7 attempts; try again in a few minutes.',
    );
    expect(error.details.attempts).toBe(7);
  });

  it('maps other server errors to unavailable', () => {
    expect(mapGraphFailure({ status: 500 }, tenant).code).toBe('unavailable');
  });

  it('keeps Graph message for other bad requests', () => {
    const error = mapGraphFailure(
      graphError(400, 'Request_BadRequest', 'Property userPrincipalName is invalid.'),
      tenant,
    );
    expect(error.code).toBe('bad-request');
    expect(error.message).toBe('Microsoft 365 refused the request: Property userPrincipalName is invalid.');
    expect(error.details.graphMessage).toBe('Property userPrincipalName is invalid.');
  });
});

describe('mapNetworkFailure', () => {
  it('reports an unreachable service as unavailable', () => {
    const failure = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    const error = mapNetworkFailure(failure, { ...tenant, attempts: 3 });
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe(
      'Microsoft 365 could not be reached for tenant 0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60; try again in a few minutes.',
    );
    expect(error.details).toMatchObject({ networkCode: 'ECONNREFUSED', attempts: 3 });
  });
});

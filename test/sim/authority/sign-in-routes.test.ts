import { startSimulator } from '../../../sim/index';
import type { RunningSimulator } from '../../../sim/types';
import {
  call,
  claimsOf,
  contosoId,
  exchangeResource,
  graphFor,
  northwindId,
  requestToken,
  tokenFor,
} from '../sim-requests';

let simulator: RunningSimulator;

beforeAll(async () => {
  simulator = await startSimulator({ mailboxDelayMs: 0 });
});

afterAll(async () => {
  await simulator.close();
});

function tokenForm(overrides: Record<string, string>) {
  return {
    form: {
      client_id: simulator.clientId,
      client_secret: simulator.clientSecret,
      grant_type: 'client_credentials',
      scope: 'https://graph.microsoft.com/.default',
      ...overrides,
    },
  };
}

describe('OpenID metadata', () => {
  it('names the endpoints MSAL needs with an issuer on the authority host', async () => {
    const answer = await call(
      simulator,
      'GET',
      `${simulator.loginUrl}/${contosoId}/v2.0/.well-known/openid-configuration`,
    );
    expect(answer.status).toBe(200);
    expect(answer.json.issuer).toBe(`${simulator.loginUrl}/${contosoId}/v2.0`);
    expect(answer.json.token_endpoint).toBe(`${simulator.loginUrl}/${contosoId}/oauth2/v2.0/token`);
    expect(answer.json.authorization_endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);
    const keys = await call(simulator, 'GET', answer.json.jwks_uri);
    expect(keys.json.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
  });

  it('accepts a verified domain in place of the tenant id', async () => {
    const answer = await call(
      simulator,
      'GET',
      `${simulator.loginUrl}/contoso.com/v2.0/.well-known/openid-configuration`,
    );
    expect(answer.json.issuer).toBe(`${simulator.loginUrl}/${contosoId}/v2.0`);
  });

  it('answers AADSTS90002 for a tenant that does not exist', async () => {
    const answer = await call(
      simulator,
      'GET',
      `${simulator.loginUrl}/nowhere.example/v2.0/.well-known/openid-configuration`,
    );
    expect(answer.status).toBe(400);
    expect(answer.json.error_codes).toEqual([90002]);
  });
});

describe('client-credentials token', () => {
  it('issues an RS256 token with tenant, audience and app roles', async () => {
    const answer = await requestToken(simulator, contosoId);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
    const claims = claimsOf(answer.json.access_token);
    expect(claims).toMatchObject({ tid: contosoId, aud: 'https://graph.microsoft.com', appid: simulator.clientId });
    expect(claims.roles).toEqual(expect.arrayContaining(['User.ReadWrite.All', 'RoleManagement.ReadWrite.Directory']));
    expect(JSON.parse(Buffer.from(answer.json.access_token.split('.')[0], 'base64url').toString()).alg).toBe('RS256');
  });

  it('gives an Exchange token the Exchange.ManageAsApp role', async () => {
    expect(claimsOf(await tokenFor(simulator, contosoId, exchangeResource)).roles).toEqual(['Exchange.ManageAsApp']);
  });

  it('takes the client secret through HTTP Basic auth', async () => {
    const basic = Buffer.from(`${simulator.clientId}:${simulator.clientSecret}`).toString('base64');
    const answer = await call(simulator, 'POST', `${simulator.loginUrl}/${contosoId}/oauth2/v2.0/token`, {
      headers: { Authorization: `Basic ${basic}` },
      form: { grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default' },
    });
    expect(answer.status).toBe(200);
  });

  it('refuses an unknown application with AADSTS700016', async () => {
    const answer = await call(
      simulator,
      'POST',
      `${simulator.loginUrl}/${contosoId}/oauth2/v2.0/token`,
      tokenForm({ client_id: '11111111-2222-3333-4444-555555555555' }),
    );
    expect(answer.status).toBe(400);
    expect(answer.json.error).toBe('unauthorized_client');
    expect(answer.json.error_description).toMatch(
      /^AADSTS700016: Application with identifier '11111111-2222-3333-4444-555555555555' was not found in the directory/,
    );
    expect(answer.json.error_description).toMatch(/\r\nTrace ID: .+\r\nCorrelation ID: .+\r\nTimestamp: /);
    expect(answer.json.error_uri).toBe('https://login.microsoftonline.com/error?code=700016');
  });

  it('refuses a wrong secret with AADSTS7000215', async () => {
    const answer = await call(
      simulator,
      'POST',
      `${simulator.loginUrl}/${contosoId}/oauth2/v2.0/token`,
      tokenForm({ client_secret: 'not-it' }),
    );
    expect(answer.status).toBe(401);
    expect(answer.json.error).toBe('invalid_client');
    expect(answer.json.error_codes).toEqual([7000215]);
  });

  it('refuses a tenant that never consented with AADSTS7000229', async () => {
    const answer = await requestToken(simulator, northwindId);
    expect(answer.status).toBe(401);
    expect(answer.json.error).toBe('invalid_client');
    expect(answer.json.error_description).toMatch(
      new RegExp(
        `^AADSTS7000229: The client application ${simulator.clientId} is missing service principal in the tenant ${northwindId}\\.`,
      ),
    );
  });

  it('refuses an unknown tenant with AADSTS90002', async () => {
    const answer = await requestToken(simulator, '00000000-0000-0000-0000-000000000001');
    expect(answer.status).toBe(400);
    expect(answer.json.error).toBe('invalid_request');
    expect(answer.json.error_codes).toEqual([90002]);
  });

  it('refuses a scope that is not a resource /.default with AADSTS70011', async () => {
    const answer = await call(
      simulator,
      'POST',
      `${simulator.loginUrl}/${contosoId}/oauth2/v2.0/token`,
      tokenForm({ scope: 'User.Read' }),
    );
    expect(answer.status).toBe(400);
    expect(answer.json.error).toBe('invalid_scope');
    expect(answer.json.error_codes).toEqual([70011]);
  });

  it('issues a token without roles when the app is consented without permissions, and Graph then refuses', async () => {
    simulator.control.grantConsent(northwindId, { roles: false });
    try {
      const token = await tokenFor(simulator, northwindId);
      expect(claimsOf(token).roles).toBeUndefined();
      const graph = await graphFor(simulator, northwindId);
      const answer = await graph('GET', '/users');
      expect(answer.status).toBe(403);
      expect(answer.json.error.code).toBe('Authorization_RequestDenied');
      expect(answer.json.error.message).toBe('Insufficient privileges to complete the operation.');
    } finally {
      simulator.control.revokeConsent(northwindId);
    }
  });
});

describe('Graph token checks', () => {
  it('answers 401 InvalidAuthenticationToken without a token', async () => {
    const answer = await call(simulator, 'GET', `${simulator.graphUrl}/v1.0/users`);
    expect(answer.status).toBe(401);
    expect(answer.json.error).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token is empty.' });
    expect(answer.json.error.innerError['request-id']).toBe(answer.headers['request-id']);
  });

  it('answers 401 for an Exchange token sent to Graph', async () => {
    const token = await tokenFor(simulator, contosoId, exchangeResource);
    const answer = await call(simulator, 'GET', `${simulator.graphUrl}/v1.0/users`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(401);
    expect(answer.json.error.message).toMatch(/Invalid audience/);
  });

  it('answers 401 for a token whose signature was tampered with', async () => {
    const [header, payload] = (await tokenFor(simulator, contosoId)).split('.');
    const answer = await call(simulator, 'GET', `${simulator.graphUrl}/v1.0/users`, {
      headers: { Authorization: `Bearer ${header}.${payload}.AAAA` },
    });
    expect(answer.status).toBe(401);
    expect(answer.json.error.code).toBe('InvalidAuthenticationToken');
  });

  it('answers 401 once the token has expired', async () => {
    let now = Date.now();
    const clocked = await startSimulator({ now: () => now, tokenLifetimeSeconds: 60 });
    try {
      const graph = await graphFor(clocked, contosoId);
      expect((await graph('GET', '/organization')).status).toBe(200);
      now += 61_000;
      const answer = await graph('GET', '/organization');
      expect(answer.status).toBe(401);
      expect(answer.json.error.message).toMatch(/expired/);
    } finally {
      await clocked.close();
    }
  });
});

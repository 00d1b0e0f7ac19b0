import { buildAdminConsentUrl, readTokenRoles } from '../../m365/consent';

function tokenWith(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.signature`;
}

describe('buildAdminConsentUrl', () => {
  it('builds the v2 admin-consent link with the /.default scope', () => {
    const url = new URL(
      buildAdminConsentUrl('https://login.example.test/', 'app-id', {
        redirectUri: 'https://bot.example.test/consent/callback',
        state: 'abc',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://login.example.test/organizations/v2.0/adminconsent');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'app-id',
      scope: 'https://graph.microsoft.com/.default',
      redirect_uri: 'https://bot.example.test/consent/callback',
      state: 'abc',
    });
  });

  it('targets a named tenant when one is given', () => {
    const url = buildAdminConsentUrl('https://login.example.test', 'app-id', {
      tenant: 'contoso.com',
      redirectUri: 'https://bot.example.test/cb',
      state: 's',
    });
    expect(url.startsWith('https://login.example.test/contoso.com/v2.0/adminconsent?')).toBe(true);
  });
});

describe('readTokenRoles', () => {
  it('reads the roles claim of an app token', () => {
    expect(readTokenRoles(tokenWith({ roles: ['User.ReadWrite.All', 'Directory.Read.All'] }))).toEqual([
      'User.ReadWrite.All',
      'Directory.Read.All',
    ]);
  });

  it('answers no roles for a token issued without consent', () => {
    expect(readTokenRoles(tokenWith({ aud: 'https://graph.microsoft.com' }))).toEqual([]);
  });

  it('answers no roles for something that is not a JWT', () => {
    expect(readTokenRoles('opaque-token')).toEqual([]);
  });
});

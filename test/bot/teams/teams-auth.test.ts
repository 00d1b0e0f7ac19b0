/** With MicrosoftAppId set, /api/messages accepts only activities carrying a valid Bot Framework channel token. */
import { type OpenIdStandIn, startOpenIdStandIn } from '../../support/bot-framework-openid-stand-in';
import { scriptedApp } from './scripted-app';
import { cardAction, personalMessage } from './teams-activities';
import { startTeamsHarness, type TeamsHarness } from './teams-harness';

const appId = '6b2e4f7a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
let openId: OpenIdStandIn;
let harness: TeamsHarness;

beforeAll(async () => {
  openId = await startOpenIdStandIn();
});

afterAll(async () => {
  await openId.close();
});

beforeEach(async () => {
  const scripted = scriptedApp(async () => ({ kind: 'text', text: 'authenticated' }));
  harness = await startTeamsHarness(scripted.app, { env: openId.botEnv(appId) });
});

afterEach(async () => {
  await harness.close();
});

function token(claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return openId.signChannelToken({
    iss: openId.issuer,
    aud: appId,
    serviceurl: harness.connector.serviceUrl,
    nbf: now - 60,
    exp: now + 600,
    ...claims,
  });
}

// A Cancel click answers in the invoke response itself, so no outbound (token-needing) call is made.
function cancelClick() {
  return cardAction(personalMessage(harness.connector.serviceUrl, ''), 'cancel', {});
}

it('answers 401 to a request without a token', async () => {
  const response = await harness.post(personalMessage(harness.connector.serviceUrl, 'help'));
  expect(response.status).toBe(401);
});

it('answers 401 to a token for another app id', async () => {
  const response = await harness.post(cancelClick(), { authorization: `Bearer ${token({ aud: 'someone-else' })}` });
  expect(response.status).toBe(401);
});

it('answers 401 to an expired token', async () => {
  const past = Math.floor(Date.now() / 1000) - 3600;
  const response = await harness.post(cancelClick(), {
    authorization: `Bearer ${token({ nbf: past - 600, exp: past })}`,
  });
  expect(response.status).toBe(401);
});

it('answers 401, not 500, to a token signed by a key the OpenID metadata does not know', async () => {
  const now = Math.floor(Date.now() / 1000);
  const forged = openId.signWithUnknownKey({
    iss: openId.issuer,
    aud: appId,
    serviceurl: harness.connector.serviceUrl,
    nbf: now - 60,
    exp: now + 600,
  });
  const response = await harness.post(cancelClick(), { authorization: `Bearer ${forged}` });
  expect(response.status).toBe(401);
  expect(JSON.stringify(response.body ?? '')).not.toMatch(/signature|at .+\.js:\d+/);
});

it('accepts a valid channel token signed by the configured OpenID metadata', async () => {
  const response = await harness.post(cancelClick(), { authorization: `Bearer ${token()}` });
  expect(response.status).toBe(200);
  expect(JSON.stringify(response.body.value)).toContain('Cancelled');
});

/**
 * With MicrosoftAppId set, /api/messages accepts only activities carrying a valid Bot Framework channel token, from
 * people of the allowed Entra tenants.
 */
import { type OpenIdStandIn, startOpenIdStandIn } from '../../support/bot-framework-openid-stand-in';
import { type ScriptedApp, scriptedApp } from './scripted-app';
import { cardAction, personalMessage, teamsTenantId } from './teams-activities';
import { startTeamsHarness, type TeamsHarness } from './teams-harness';

const appId = '6b2e4f7a-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
let openId: OpenIdStandIn;
let harness: TeamsHarness;
let scripted: ScriptedApp;

beforeAll(async () => {
  openId = await startOpenIdStandIn();
});

afterAll(async () => {
  await openId.close();
});

beforeEach(async () => {
  scripted = scriptedApp(async () => ({ kind: 'text', text: 'authenticated' }), {
    mode: 'authenticated',
    appId,
    allowedTenants: [teamsTenantId],
  });
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

it('refuses a person of another Entra tenant politely, without running anything', async () => {
  const foreignTenant = '0badc0de-0000-4000-8000-000000000bad';
  const base = personalMessage(harness.connector.serviceUrl, '');
  const fromElsewhere = {
    ...base,
    conversation: { ...base.conversation, tenantId: foreignTenant },
    channelData: { tenant: { id: foreignTenant } },
  };
  const click = cardAction(fromElsewhere, 'run', { command: { name: 'sync', customerId: 'contoso' } });
  const response = await harness.post(click, { authorization: `Bearer ${token()}` });
  expect(response.status).toBe(200);
  expect(JSON.stringify(response.body.value)).toContain('another organisation');
  expect(scripted.requests).toHaveLength(0);
});

it('refuses another tenant even when only the channel data names it', async () => {
  const foreignTenant = '0badc0de-0000-4000-8000-000000000bad';
  const base = personalMessage(harness.connector.serviceUrl, '');
  const { tenantId: _none, ...conversation } = base.conversation;
  const click = cardAction({ ...base, conversation, channelData: { tenant: { id: foreignTenant } } }, 'run', {
    command: { name: 'sync', customerId: 'contoso' },
  });
  await harness.post(click, { authorization: `Bearer ${token()}` });
  expect(scripted.requests).toHaveLength(0);
});

it('runs a command from the allowed tenant', async () => {
  const click = cardAction(personalMessage(harness.connector.serviceUrl, ''), 'run', {
    command: { name: 'sync', customerId: 'contoso' },
  });
  const response = await harness.post(click, { authorization: `Bearer ${token()}` });
  expect(response.status).toBe(200);
  expect(scripted.requests).toHaveLength(1);
});

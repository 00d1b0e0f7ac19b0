/**
 * The doctor's Teams row: a token from the Bot Framework authority (here a local one at ToChannelFromBotLoginUrl)
 * for the bot's id and secret, and nothing asked of anyone when Teams is off or in dev mode.
 */
import { botAuthorityOf, botCredentialsCheck } from '../../../bot/teams/check-bot-credentials';
import { type OpenIdStandIn, startOpenIdStandIn } from '../../support/bot-framework-openid-stand-in';

const appId = 'c9e8c047-2a74-40a2-b28a-b162d5f5327c';
let authority: OpenIdStandIn;

beforeAll(async () => {
  authority = await startOpenIdStandIn();
});

afterAll(async () => {
  await authority.close();
});

const authenticated = (env: Record<string, string>) =>
  botCredentialsCheck({ mode: 'authenticated', why: 'MicrosoftAppId is set', env }).run();

it('proves the bot’s id and secret with a token from the configured authority', async () => {
  const [row] = await authenticated(authority.botEnv(appId));
  expect(row).toMatchObject({ status: 'ok', check: 'Teams' });
  expect(row!.sentence).toContain(`The bot ${appId} gets a Bot Framework token`);
});

it('says the authority refuses a wrong secret, with Entra’s reason and what to set', async () => {
  const [row] = await authenticated({ ...authority.botEnv(appId), MicrosoftAppPassword: 'not-the-secret' });
  expect(row).toMatchObject({ status: 'fail', check: 'Teams' });
  expect(row!.sentence).toContain('AADSTS7000215');
  expect(row!.sentence).not.toContain('not-the-secret');
  expect(row!.fix).toContain('MicrosoftAppPassword');
});

it('says a bot without a password cannot sign its answers', async () => {
  const { MicrosoftAppPassword: _password, ...env } = authority.botEnv(appId);
  const [row] = await authenticated(env);
  expect(row).toMatchObject({ status: 'fail', fix: expect.stringContaining('MicrosoftAppPassword') });
});

it('skips Teams when it is off, and warns about dev mode', async () => {
  const [off] = await botCredentialsCheck({ mode: 'off', why: 'Slack only', env: {} }).run();
  expect(off).toMatchObject({ status: 'ok', sentence: expect.stringContaining('Off (Slack only)') });
  const [dev] = await botCredentialsCheck({ mode: 'dev', why: 'the simulator', env: {} }).run();
  expect(dev).toMatchObject({ status: 'warn', sentence: expect.stringContaining('Dev mode') });
});

it('asks the authority botbuilder would: the bot’s tenant for a single-tenant bot, botframework.com otherwise', () => {
  const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
  expect(botAuthorityOf({ MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: tenant })).toBe(
    `https://login.microsoftonline.com/${tenant}`,
  );
  expect(botAuthorityOf({ MicrosoftAppType: 'MultiTenant' })).toBe(
    'https://login.microsoftonline.com/botframework.com',
  );
  expect(botAuthorityOf({ ToChannelFromBotLoginUrl: 'http://127.0.0.1:9/login/' })).toBe('http://127.0.0.1:9/login');
});

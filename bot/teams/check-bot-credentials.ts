/**
 * The doctor's Teams row: with Teams authenticated, a client-credentials token from the Bot Framework authority
 * proves MicrosoftAppId and MicrosoftAppPassword, as botbuilder will ask for one before every answer. The authority
 * and scope are botbuilder's own (ToChannelFromBotLoginUrl, ToChannelFromBotOAuthScope, else the public cloud's:
 * the bot's tenant for a single-tenant bot, botframework.com otherwise). Skipped when Teams is off or in dev mode.
 */
import { type DoctorCheck, type DoctorRow, fail, ok, warn } from '../../core/doctor/doctor-row';

const check = 'Teams';
const publicLoginPrefix = 'https://login.microsoftonline.com/';
const publicChannelScope = 'https://api.botframework.com';

export interface BotCredentialFacts {
  mode: 'authenticated' | 'dev' | 'off';
  why: string;
  /** The environment botbuilder reads its keys from. */
  env: Record<string, string | undefined>;
  fetch?: typeof fetch;
}

/** Where botbuilder asks for the bot's outbound tokens. */
export function botAuthorityOf(env: Record<string, string | undefined>): string {
  const configured = env.ToChannelFromBotLoginUrl?.trim();
  if (configured) return configured.replace(/\/+$/, '');
  const singleTenant = env.MicrosoftAppType?.trim().toLowerCase() === 'singletenant';
  const tenant = env.MicrosoftAppTenantId?.trim();
  return `${publicLoginPrefix}${singleTenant && tenant ? tenant : 'botframework.com'}`;
}

export function botCredentialsCheck(facts: BotCredentialFacts): DoctorCheck {
  return { check, run: () => checkBotCredentials(facts) };
}

async function checkBotCredentials(facts: BotCredentialFacts): Promise<DoctorRow[]> {
  if (facts.mode === 'off') return [ok(check, `Off (${facts.why}): no Bot Framework credentials to check.`)];
  if (facts.mode === 'dev') {
    return [
      warn(
        check,
        `Dev mode (${facts.why}): /api/messages takes anyone without authentication, on this machine only.`,
        'For Teams, set MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId (docs/setup.md step 5).',
      ),
    ];
  }
  const appId = facts.env.MicrosoftAppId?.trim() ?? '';
  const password = facts.env.MicrosoftAppPassword?.trim();
  if (!password) {
    if (facts.env.CertificateThumbprint?.trim()) {
      return [
        warn(
          check,
          'The bot signs in with a certificate, which the doctor does not check.',
          'Send the bot a message in Teams to check it.',
        ),
      ];
    }
    return [
      fail(
        check,
        'MicrosoftAppId is set but MicrosoftAppPassword is not: the bot cannot sign its answers.',
        'Set MicrosoftAppPassword to a client secret of the bot’s app registration.',
      ),
    ];
  }
  return [await requestBotToken(facts, appId, password)];
}

async function requestBotToken(facts: BotCredentialFacts, appId: string, password: string): Promise<DoctorRow> {
  const authority = botAuthorityOf(facts.env);
  const scope = `${(facts.env.ToChannelFromBotOAuthScope?.trim() || publicChannelScope).replace(/\/+$/, '')}/.default`;
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: appId,
    client_secret: password,
    scope,
  });
  let response: Response;
  try {
    response = await (facts.fetch ?? fetch)(`${authority}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    return fail(
      check,
      `The Bot Framework authority ${authority} could not be reached, so the bot cannot answer in Teams.`,
      'Check the network path to it (and ToChannelFromBotLoginUrl, if you set it).',
    );
  }
  const answer = (await response.json().catch(() => ({}))) as {
    access_token?: unknown;
    error?: string;
    error_description?: string;
    error_codes?: number[];
  };
  if (response.ok && typeof answer.access_token === 'string') {
    return ok(check, `The bot ${appId} gets a Bot Framework token from ${authority}: it can answer in Teams.`);
  }
  const reason = answer.error_description?.split(/\r?\n/)[0] ?? `HTTP ${response.status}`;
  return fail(
    check,
    `The Bot Framework authority refuses the bot ${appId}: ${reason}`,
    botFixFor(answer.error_codes?.[0]),
  );
}

function botFixFor(aadsts: number | undefined): string {
  switch (aadsts) {
    case 7000215:
    case 7000222:
      return 'Set MicrosoftAppPassword to the value (not the id) of a current client secret of the bot’s app registration.';
    case 700016:
      return 'Check MicrosoftAppId, MicrosoftAppType and MicrosoftAppTenantId against the Azure Bot’s Configuration page.';
    case 90002:
      return 'Check MicrosoftAppTenantId: it must be the Entra tenant of the bot’s app registration.';
    default:
      return 'Check MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType and MicrosoftAppTenantId (docs/setup.md step 5).';
  }
}

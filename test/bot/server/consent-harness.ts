/**
 * The whole m365ops for the admin-consent tests: createApp (embedded store, the built-in simulated tenants),
 * Teams and Slack mounted on the one HTTP server against the Bot Connector and Slack API stand-ins. Tests ask for
 * a link in chat, take it to the simulator's consent page (or not), and call GET /consent/callback as Entra's
 * redirect — or an attacker holding the link — would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type App, createApp } from '../../../bot/server/app';
import { type RunningHttpServer, startHttpServer } from '../../../bot/server/http-server';
import { mountTeams } from '../../../bot/teams/mount';
import type { Customer } from '../../../store/types';
import { call } from '../../sim/sim-requests';
import {
  type BotConnectorStandIn,
  devConnectorEnv,
  startBotConnectorStandIn,
} from '../../support/bot-connector-stand-in';
import { writeDemoConfig } from '../../support/demo-config';
import {
  type RecordedSlackCall,
  type SlackApiStandIn,
  slackEnvironment,
  startSlackApiStandIn,
} from '../../support/slack-api-stand-in';
import { slackIdentityOf } from '../../support/slack-identities';
import { postSignedSlackBody, slashCommandBody } from '../../support/slack-signed-requests';
import { unpacedSlack } from '../slack/slack-harness';
import { channelId, channelMessage, people, postActivity, type TeamsUser } from '../teams/teams-activities';

export const tenants = {
  contoso: '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60',
  fabrikam: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  northwind: 'b3a1c2d4-8e9f-4a0b-9c1d-2e3f4a5b6c7d',
};
export const slackPeople = { helpdesk: 'UHELPDSK1' };
export const slackChannel = 'C0HELPDESK';
const signingSecret = 'consent-signing-secret-0123456789abcdef';

export interface ConsentHarness {
  app: App;
  http: RunningHttpServer;
  connector: BotConnectorStandIn;
  slack: SlackApiStandIn;
  /** `consent link <customer>` typed in the Teams channel; answers the link the card carried. */
  linkFromTeams(customerId: string, who?: TeamsUser): Promise<URL>;
  /** `/m365 consent link <customer>` in the Slack channel; answers the link the reply carried. */
  linkFromSlack(customerId: string): Promise<URL>;
  /** The administrator's choice on the simulator's consent page: the query Entra redirects back with. */
  decideAtMicrosoft(link: URL, decision: 'accept' | 'cancel', tenantId: string): Promise<URLSearchParams>;
  /** GET /consent/callback with this query. */
  callback(query: URLSearchParams | Record<string, string>): Promise<{ status: number; text: string }>;
  /** A message typed in the Teams channel; answers the text of the cards the bot answered with. */
  sayInTeams(who: TeamsUser, text: string): Promise<string>;
  /** `/m365 <text>` by the Slack helpdesk person in the Slack channel; answers what came back on the response_url. */
  sayInSlack(text: string): Promise<string>;
  customer(id: string): Promise<Customer>;
  close(): Promise<void>;
}

const linkPattern = /https:\/\/[^"\s\\]+adminconsent\?[^"\s\\]+/;

export async function startConsentHarness(): Promise<ConsentHarness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'm365ops-consent-'));
  const connector = await startBotConnectorStandIn();
  const slack = await startSlackApiStandIn();
  const app = await createApp({
    env: {
      DATA_DIR: dataDir,
      M365OPS_CONFIG: writeDemoConfig(dataDir, {
        admins: [`teams:${people.admin.aadObjectId}`],
        approvers: [],
        helpdesk: [`teams:${people.helpdesk.aadObjectId}`],
      }),
      LOG_LEVEL: 'silent',
      PORT: '3978',
      ...slackEnvironment(slack, signingSecret),
      ...devConnectorEnv(connector),
    },
    cwd: dataDir,
  });
  await app.store.access.grant(slackIdentityOf(slackPeople.helpdesk), 'helpdesk', 'test');
  const http = await startHttpServer(app, {
    port: 0,
    mounts: [(server, m365ops) => mountTeams(server, m365ops, { env: {} }), unpacedSlack],
  });
  let slackCommands = 0;

  async function sayInTeams(who: TeamsUser, text: string): Promise<string> {
    const before = connector.recorded.length;
    const answer = await postActivity(http.url, channelMessage(connector.serviceUrl, text, who));
    if (answer.status !== 200) throw new Error(`Teams answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return JSON.stringify(connector.recorded.slice(before).map((activity) => activity.body));
  }

  function linkIn(text: string): URL {
    const found = linkPattern.exec(text);
    if (!found) throw new Error(`No consent link in the answer: ${text}`);
    return new URL(found[0]);
  }

  async function sayInSlack(text: string): Promise<string> {
    slackCommands += 1;
    const responseId = `say-${slackCommands}`;
    const body = slashCommandBody({
      text,
      userId: slackPeople.helpdesk,
      channelId: slackChannel,
      responseUrl: slack.responseUrl(responseId),
    });
    const sent = await postSignedSlackBody(`${http.url}/slack/events`, signingSecret, body);
    if (sent.status !== 200) throw new Error(`Slack answered ${sent.status}`);
    const answer = await slack.waitFor('response_url', (call) => call.responseId === responseId, 20_000);
    return JSON.stringify(answer.args);
  }

  return {
    app,
    http,
    connector,
    slack,
    sayInTeams,
    sayInSlack,
    async linkFromTeams(customerId, who = people.helpdesk) {
      return linkIn(await sayInTeams(who, `consent link ${customerId}`));
    },
    async linkFromSlack(customerId) {
      slackCommands += 1;
      const responseId = `consent-${slackCommands}`;
      const body = slashCommandBody({
        text: `consent link ${customerId}`,
        userId: slackPeople.helpdesk,
        channelId: slackChannel,
        responseUrl: slack.responseUrl(responseId),
      });
      const before = slack.calls.length;
      const sent = await postSignedSlackBody(`${http.url}/slack/events`, signingSecret, body);
      if (sent.status !== 200) throw new Error(`Slack answered ${sent.status}`);
      // Posted with chat.postMessage (so it can be updated in place later), or through the response_url.
      const carriesLink = (call: RecordedSlackCall) =>
        ((call.method === 'chat.postMessage' && call.answer?.ok === true) ||
          (call.method === 'response_url' && call.responseId === responseId)) &&
        JSON.stringify(call.args).includes('adminconsent');
      const since = () => slack.calls.slice(before);
      for (let waited = 0; !since().some(carriesLink) && waited < 20_000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const posted = since().find(carriesLink);
      if (!posted) throw new Error('Slack was never sent the consent link.');
      return linkIn(JSON.stringify(posted.args));
    },
    async decideAtMicrosoft(link, decision, tenantId) {
      const simulator = app.simulator!;
      const form = { ...Object.fromEntries(link.searchParams), decision, tenant: tenantId };
      const answer = await call(simulator, 'POST', `${link.origin}${link.pathname}`, { form });
      if (answer.status !== 302) throw new Error(`The consent page answered ${answer.status}: ${answer.text}`);
      return new URL(answer.headers.location as string).searchParams;
    },
    async callback(query) {
      const response = await fetch(`${http.url}/consent/callback?${new URLSearchParams(query)}`);
      return { status: response.status, text: await response.text() };
    },
    async customer(id) {
      const found = await app.store.customers.get(id);
      if (!found) throw new Error(`No customer ${id}`);
      return found;
    },
    async close() {
      await http.close();
      await app.close();
      await connector.close();
      await slack.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The messages the bot posted on its own into the Teams helpdesk channel itself: answers to commands go to the
 * thread the command was typed in (`<channel>;messageid=…`), notifications to the channel.
 */
export function teamsChannelPosts(connector: BotConnectorStandIn): string[] {
  return connector.messages(channelId).map((activity) => JSON.stringify(activity.body));
}

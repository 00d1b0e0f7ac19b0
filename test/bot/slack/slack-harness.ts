/**
 * Runs Slack the way production does — mountSlack on an express server on loopback, its Web API pointed at the
 * Slack API stand-in — and sends signed Slack requests to POST /slack/events over real HTTP.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { App } from '../../../bot/server/app';
import { mountSlackWith, type SlackMountOptions } from '../../../bot/slack/mount';
import { slackWebApiMethods } from '../../../bot/slack/slack-web-api';
import type { TransportHost } from '../../../bot/transport-host';
import { type SlackApiStandIn, startSlackApiStandIn } from '../../support/slack-api-stand-in';
import { testSlackTeamId } from '../../support/slack-identities';
import {
  interactionBody,
  postSignedSlackBody,
  type SlackPostOptions,
  type SlackPostResult,
  slashCommandBody,
} from '../../support/slack-signed-requests';

export const testSigningSecret = 'test-signing-secret-0123456789abcdef';

export interface SlackHarness {
  url: string;
  slack: SlackApiStandIn;
  /** Sends `/m365 <text>` as user `userId` in `channelId`; the response URL is the stand-in's `responseId`. */
  command(
    text: string,
    options?: {
      userId?: string;
      teamId?: string;
      channelId?: string;
      responseId?: string;
      triggerId?: string;
    } & SlackPostOptions,
  ): Promise<SlackPostResult>;
  interact(payload: unknown, options?: SlackPostOptions): Promise<SlackPostResult>;
  /** Sends an Events API callback (JSON) carrying `event`, from the tests' workspace unless `teamId` says. */
  event(event: Record<string, unknown>, options?: { teamId?: string } & SlackPostOptions): Promise<SlackPostResult>;
  postRaw(body: string, options?: SlackPostOptions): Promise<SlackPostResult>;
  close(): Promise<void>;
}

/** Slack's env keys for an App built by hand (the real createApp reads them from the environment). */
export function slackEnv(slack: SlackApiStandIn) {
  return { signingSecret: testSigningSecret, botToken: slack.botToken, apiUrl: slack.apiUrl };
}

export async function startSlackHarness(
  buildApp: (slack: SlackApiStandIn) => Promise<App>,
  options: SlackMountOptions = {},
): Promise<SlackHarness> {
  const slack = await startSlackApiStandIn();
  const app = await buildApp(slack);
  const server = express();
  // Slack's one message a second per channel is the pacer's own test (slack-notifier.test.ts); here it would only wait.
  await mountSlackWith(server, app, { minMessageIntervalMs: 0, ...options });
  const http: Server = await new Promise((resolve) => {
    const listening = server.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const eventsUrl = `${url}/slack/events`;
  let commands = 0;
  return {
    url,
    slack,
    command(text, { userId = 'UHELP0001', teamId, channelId = 'C0HELPDESK', responseId, triggerId, ...post } = {}) {
      commands += 1;
      const body = slashCommandBody({
        text,
        userId,
        teamId,
        channelId,
        responseUrl: slack.responseUrl(responseId ?? `cmd-${commands}`),
        triggerId,
      });
      return postSignedSlackBody(eventsUrl, testSigningSecret, body, post);
    },
    interact(payload, post = {}) {
      return postSignedSlackBody(eventsUrl, testSigningSecret, interactionBody(payload), post);
    },
    event(event, { teamId, ...post } = {}) {
      commands += 1;
      const body = JSON.stringify({
        token: 'verification-token-unused',
        team_id: teamId ?? testSlackTeamId,
        api_app_id: 'A0001',
        type: 'event_callback',
        event_id: `Ev${String(commands).padStart(8, '0')}`,
        event_time: Math.floor(Date.now() / 1000),
        event,
      });
      return postSignedSlackBody(eventsUrl, testSigningSecret, body, { contentType: 'application/json', ...post });
    },
    postRaw(body, post = {}) {
      return postSignedSlackBody(eventsUrl, testSigningSecret, body, post);
    },
    async close() {
      // The manifest's scopes come from slackWebApiMethods: a call to any other method would lack its scope. A
      // response URL, an upload URL (files.getUploadURLExternal's) and a file's download URL need none.
      const unlisted = slack.calls.filter(
        (call) =>
          call.method !== 'response_url' &&
          call.method !== 'file_upload' &&
          call.method !== 'file_download' &&
          !Object.hasOwn(slackWebApiMethods, call.method),
      );
      await app.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await slack.close();
      if (unlisted.length > 0) {
        throw new Error(
          `The app called Slack methods bot/slack/slack-web-api.ts does not list: ${unlisted.map((call) => call.method).join(', ')}`,
        );
      }
    },
  };
}

/** mountSlack for tests: Slack's one message a second per channel is the pacer's own test (slack-notifier.test.ts). */
export const unpacedSlack = (server: express.Express, host: TransportHost): Promise<void> =>
  mountSlackWith(server, host, { minMessageIntervalMs: 0 });

/**
 * Slack on the one HTTP server: a Bolt app whose ExpressReceiver router answers POST /slack/events (slash
 * commands, interactivity and events), verifying every request's signature first (unsigned, wrongly signed, or
 * stamped more than 5 minutes before or after now: 401, the body never reaches a listener). Slack is off when its
 * keys are unset.
 */
import { App as BoltApp, ExpressReceiver, webApi } from '@slack/bolt';
import type express from 'express';
import {
  customerFieldId,
  denyModalCallbackId,
  formValueActionId,
  openLinkActionId,
  slackActionIdPattern,
} from '../../cards';
import { systemClock } from '../../common/clock';
import { maxRequestBodyBytes, type TransportHost } from '../transport-host';
import { createBoltLogger } from './bolt-logger';
import { runButtonClick } from './button-actions';
import { createChannelPacer } from './channel-pacer';
import { submitDeny } from './deny-modal';
import { registerFileShares } from './file-share';
import { type ModalInView, refreshFormModal, suggestUsers } from './form-choices';
import { formCallbackPattern, submitForm } from './form-modal';
import { SlackApiError } from './slack-error';
import { createSlackNotifier } from './slack-notifier';
import { refuseFutureTimestamps } from './slack-timestamp';
import { defaultSlackTimings, type SlackTimings, type SlackTransport } from './slack-transport';
import { callSlack, slackEventsPath, slackRemovalEvents, slackSlashCommand } from './slack-web-api';
import { runSlashCommand } from './slash-command';
import { registerWelcome } from './welcome';

export interface SlackMountOptions {
  timings?: Partial<SlackTimings>;
  /** Per-channel pacing of notifications (Slack: about one message a second). */
  minMessageIntervalMs?: number;
}

/** Retries on `ratelimited` after the Retry-After Slack names, and on network failures, with backoff. */
const retryConfig = { retries: 5, factor: 2, minTimeout: 250, maxTimeout: 8000, randomize: true };

export function mountSlack(server: express.Express, host: TransportHost): Promise<void> {
  return mountSlackWith(server, host, {});
}

export async function mountSlackWith(
  server: express.Express,
  host: TransportHost,
  options: SlackMountOptions,
): Promise<void> {
  const slack = host.env.slack;
  if (!slack) {
    host.logger.info('Slack is off: SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are not set');
    return;
  }
  const logger = host.logger.child({ component: 'slack' });
  const boltLogger = createBoltLogger(host.logger);
  const clientOptions = { slackApiUrl: withTrailingSlash(slack.apiUrl), retryConfig, logger: boltLogger };
  const client = new webApi.WebClient(slack.botToken, clientOptions);
  client.on(webApi.WebClientEvent.RATE_LIMITED, () => host.metrics.notifierThrottled.inc({ platform: 'slack' }));

  const identity = await callSlack(client, 'auth.test', {}).catch((error: unknown) => {
    throw new SlackApiError('start Slack', error);
  });
  logger.info({ botUserId: identity.user_id, team: identity.team }, 'Slack bot token accepted');
  if (host.env.slackTeamId && identity.team_id !== host.env.slackTeamId) {
    logger.warn(
      { slackTeamId: host.env.slackTeamId, tokenTeamId: identity.team_id },
      `SLACK_TEAM_ID is ${host.env.slackTeamId}, but SLACK_BOT_TOKEN belongs to the workspace ${String(identity.team_id)}: requests from ${String(identity.team_id)} will be refused`,
    );
  }

  const receiver = new ExpressReceiver({
    signingSecret: slack.signingSecret,
    endpoints: slackEventsPath,
    logger: boltLogger,
    processBeforeResponse: false,
    // Bolt reads up to 4 MB by default; an oversized body is answered 413 by Bolt itself, with a warning logged.
    bodyLimit: maxRequestBodyBytes,
  });
  const bolt = new BoltApp({
    token: slack.botToken,
    receiver,
    botId: String(identity.bot_id),
    botUserId: String(identity.user_id),
    clientOptions,
    logger: boltLogger,
  });

  const transport: SlackTransport = {
    m365ops: host.m365ops,
    client,
    logger,
    timings: { ...defaultSlackTimings, ...options.timings },
    teamId: host.env.slackTeamId,
  };
  registerListeners(bolt, transport);
  registerWelcome(bolt, transport, String(identity.user_id));
  registerFileShares(bolt, transport, String(identity.user_id));
  bolt.error(async (error) => {
    logger.error({ err: error }, 'a Slack listener failed');
  });

  host.addNotifier(createSlackNotifier({ client, pacer: createChannelPacer(options.minMessageIntervalMs ?? 1000) }));
  // Bolt checks the past against the system clock; the future is checked against the same.
  server.post(slackEventsPath, refuseFutureTimestamps(logger, systemClock));
  server.use(receiver.router);
}

function registerListeners(bolt: BoltApp, transport: SlackTransport): void {
  bolt.command(slackSlashCommand, async ({ command, ack }) => {
    await ack();
    await runSlashCommand(transport, command);
  });

  bolt.action({ type: 'block_actions', action_id: slackActionIdPattern }, async ({ ack, body, action }) => {
    await ack();
    if (action.type !== 'button') return;
    const channelId = body.channel?.id ?? body.container?.channel_id;
    await runButtonClick(transport, {
      actionId: action.action_id,
      value: action.value,
      actionTs: action.action_ts,
      triggerId: body.trigger_id,
      userId: body.user.id,
      userName: body.user.name,
      teams: { teamId: body.team?.id, userTeamId: body.user.team_id },
      channel: channelId
        ? {
            channelId,
            ...(body.channel?.name ? { channelName: body.channel.name } : {}),
            ...(body.team?.id ? { teamId: body.team.id } : {}),
          }
        : undefined,
      responseUrl: body.response_url,
      fromEphemeral: body.container?.is_ephemeral === true,
      ...(typeof body.container?.message_ts === 'string' ? { messageTs: body.container.message_ts } : {}),
    });
  });

  // The consent link button opens a URL in the browser; Slack still reports the click, which needs an ack.
  bolt.action(openLinkActionId, async ({ ack }) => {
    await ack();
  });

  bolt.view({ type: 'view_submission', callback_id: formCallbackPattern }, async ({ ack, body, view }) => {
    if (body.type !== 'view_submission') return;
    await submitForm(
      transport,
      {
        triggerId: body.trigger_id,
        userId: body.user.id,
        userName: body.user.name,
        teams: { teamId: body.team?.id, userTeamId: body.user.team_id },
        viewId: view.id,
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        stateValues: view.state.values as Record<string, Record<string, unknown>>,
      },
      (answer) => ack(answer),
    );
  });

  bolt.view({ type: 'view_submission', callback_id: denyModalCallbackId }, async ({ ack, body, view }) => {
    if (body.type !== 'view_submission') return;
    await submitDeny(
      transport,
      {
        triggerId: body.trigger_id,
        userId: body.user.id,
        userName: body.user.name,
        teams: { teamId: body.team?.id, userTeamId: body.user.team_id },
        privateMetadata: view.private_metadata,
        stateValues: view.state.values as Record<string, Record<string, unknown>>,
      },
      () => ack(),
    );
  });

  registerFormListeners(bolt, transport);

  for (const event of slackRemovalEvents) {
    bolt.event(event, async ({ body }) => {
      if (transport.teamId && body.team_id !== transport.teamId) {
        transport.logger.info({ event, team: body.team_id }, 'another Slack workspace removed the app');
        return;
      }
      transport.logger.warn(
        { event },
        'the Slack app was uninstalled or its tokens revoked: Slack commands and notifications stop working until it is reinstalled',
      );
    });
  }
}

/** A form's customer select (dispatch_action) and its user selects (the options load URL is /slack/events too). */
function registerFormListeners(bolt: BoltApp, transport: SlackTransport): void {
  bolt.action(
    { type: 'block_actions', block_id: customerFieldId, action_id: formValueActionId },
    async ({ ack, body }) => {
      await ack();
      if (body.type !== 'block_actions' || !body.view || !formCallbackPattern.test(body.view.callback_id)) return;
      await refreshFormModal(transport, modalInView(body.user, body.team, body.view));
    },
  );

  bolt.options<'block_suggestion'>(
    { type: 'block_suggestion', action_id: formValueActionId },
    async ({ ack, body }) => {
      if (body.type !== 'block_suggestion' || !body.view || !formCallbackPattern.test(body.view.callback_id)) {
        await ack({ options: [] });
        return;
      }
      await ack(await suggestUsers(transport, modalInView(body.user, body.team, body.view), body.value ?? ''));
    },
  );
}

interface ViewCarried {
  id: string;
  hash?: string;
  callback_id: string;
  private_metadata?: string;
  state?: { values?: unknown };
}

function modalInView(
  user: { id: string; name?: string; team_id?: string },
  team: { id?: string } | null | undefined,
  view: ViewCarried,
): ModalInView {
  return {
    userId: user.id,
    userName: user.name,
    teams: { teamId: team?.id, userTeamId: user.team_id },
    viewId: view.id,
    hash: view.hash,
    callbackId: view.callback_id,
    privateMetadata: view.private_metadata,
    stateValues: (view.state?.values ?? {}) as Record<string, Record<string, unknown>>,
  };
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

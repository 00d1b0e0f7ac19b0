/**
 * `/m365 <text>`: acked at once (Slack's 3-second rule), then parsed by the same parser as Teams and answered
 * through the command's response_url. `add user` / `change plan` without arguments open their modal instead.
 */
import { parseCommand } from '../commands';
import { answerRequest } from './answer-request';
import { deliverReply } from './deliver-reply';
import { isFormCommand, openFormModal } from './form-modal';
import { createResponder } from './response-url';
import { buildSlackContext, type SlackChannel } from './slack-context';
import type { SlackTransport } from './slack-transport';
import { checkWorkspace } from './slack-workspace';

/** The form fields of a slash command that m365ops reads. */
export interface SlashCommandPayload {
  text: string;
  user_id: string;
  user_name?: string;
  channel_id: string;
  channel_name?: string;
  team_id?: string;
  response_url: string;
  trigger_id: string;
}

export async function runSlashCommand(transport: SlackTransport, payload: SlashCommandPayload): Promise<void> {
  const channel: SlackChannel = {
    channelId: payload.channel_id,
    ...(payload.channel_name ? { channelName: payload.channel_name } : {}),
    ...(payload.team_id ? { teamId: payload.team_id } : {}),
  };
  const target = {
    client: transport.client,
    logger: transport.logger,
    userId: payload.user_id,
    channelId: payload.channel_id,
    respond: createResponder(payload.response_url),
  };
  const workspace = checkWorkspace(transport, { teamId: payload.team_id });
  if (!workspace.ok) {
    await deliverReply(target, workspace.refusal);
    return;
  }
  const parsed = parseCommand(payload.text, await transport.m365ops.parseHints());
  if (!parsed.ok) {
    await deliverReply(target, parsed.error);
    return;
  }
  const requester = { userId: payload.user_id, teamId: workspace.teamId, userName: payload.user_name };
  const request = {
    context: buildSlackContext(requester, channel),
    command: parsed.command,
    idempotencyKey: `slack:${payload.trigger_id}`,
  };
  if (isFormCommand(parsed.command)) {
    await openFormModal(transport, {
      triggerId: payload.trigger_id,
      request,
      origin: { ...channel, responseUrl: payload.response_url },
      userId: payload.user_id,
    });
    return;
  }
  await answerRequest(transport, request, target);
}

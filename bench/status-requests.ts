/**
 * The requests of the status benchmark, as Teams and Slack send them: a personal-chat `status` activity for
 * POST /api/messages and a signed `/m365 status` slash command for POST /slack/events. Each carries an
 * `x-bench-key` header naming the answer it expects, so the server's arrival and the sink's answer can be paired.
 */
import { createHmac, randomUUID } from 'node:crypto';

export const benchIdentity = {
  signingSecret: 'bench-signing-secret',
  slackTeam: 'TBENCH',
  slackUser: 'UBENCH1',
  aadObjectId: '7faf8ab2-3d56-4244-b585-20c8a42ed2b8',
};

export type BenchTransport = 'teams' | 'slack';

export interface BenchHttpRequest {
  path: string;
  key: string;
  headers: Record<string, string>;
  body: string;
}

function teamsActivity(serviceUrl: string, conversationId: string): unknown {
  return {
    id: randomUUID(),
    type: 'message',
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:bench-user', name: 'Bench Helpdesk', aadObjectId: benchIdentity.aadObjectId },
    recipient: { id: '28:bench-bot', name: 'm365ops' },
    conversation: { conversationType: 'personal', tenantId: 'bench-teams-tenant', id: conversationId },
    channelData: { tenant: { id: 'bench-teams-tenant' } },
    textFormat: 'plain',
    text: 'status',
  };
}

function slashCommand(responseUrl: string): { body: string; headers: Record<string, string> } {
  const body = new URLSearchParams({
    team_id: benchIdentity.slackTeam,
    channel_id: 'DBENCH1',
    channel_name: 'directmessage',
    user_id: benchIdentity.slackUser,
    user_name: 'bench',
    command: '/m365',
    text: 'status',
    response_url: responseUrl,
    trigger_id: randomUUID(),
  }).toString();
  const timestamp = String(Math.floor(Date.now() / 1000));
  const digest = createHmac('sha256', benchIdentity.signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': `v0=${digest}`,
    },
  };
}

/** One `status` request for `transport`, its answer expected at the sink on `sinkUrl`. */
export function statusRequest(transport: BenchTransport, sinkUrl: string, index: number): BenchHttpRequest {
  const id = `${transport}-${index}-${randomUUID().slice(0, 8)}`;
  if (transport === 'teams') {
    const conversationId = `a:bench-${id}`;
    const key = `teams:${conversationId}`;
    return {
      path: '/api/messages',
      key,
      headers: { 'content-type': 'application/json', 'x-bench-key': key },
      body: JSON.stringify(teamsActivity(`${sinkUrl}/connector/`, conversationId)),
    };
  }
  const { body, headers } = slashCommand(`${sinkUrl}/respond/${id}`);
  const key = `slack:${id}`;
  return { path: '/slack/events', key, headers: { ...headers, 'x-bench-key': key }, body };
}

/**
 * Teams-shaped activities for tests, built on the documented samples in /work/shared/reference/samples
 * (personal message, channel message with an @mention, Universal Action invoke, classic Action.Submit).
 */
import { randomUUID } from 'node:crypto';

// biome-ignore lint/suspicious/noExplicitAny: activities are free-form JSON
export type TeamsActivity = Record<string, any>;

export const botAccount = { id: '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c', name: 'm365ops' };
export const teamsTenantId = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const channelId = '19:dc5ba12695be4eb7bf457cad6b4709eb@thread.tacv2';
export const personalConversationId = 'a:17I0kl9EkpE1O9PH5TWrzrLNwnWWcfrU7QZjKR0WSfOpzbfcAg2IaydGElSo10tVr4C7Fc6G';
export const groupChatId = '19:meeting_Zjk0YWQ2@thread.v2';

export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId?: string;
}

export const operator: TeamsUser = {
  id: '29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ',
  name: 'Megan Bowen',
  aadObjectId: '7faf8ab2-3d56-4244-b585-20c8a42ed2b8',
};

function envelope(serviceUrl: string, from: TeamsUser): TeamsActivity {
  return {
    id: `${Date.now()}${Math.floor(Math.random() * 1000)}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from,
    recipient: botAccount,
    locale: 'en-US',
    entities: [{ locale: 'en-US', country: 'US', platform: 'Windows', type: 'clientInfo' }],
  };
}

export function personalMessage(serviceUrl: string, text: string, from: TeamsUser = operator): TeamsActivity {
  return {
    ...envelope(serviceUrl, from),
    type: 'message',
    textFormat: 'plain',
    text,
    conversation: { conversationType: 'personal', tenantId: teamsTenantId, id: personalConversationId },
    channelData: { tenant: { id: teamsTenantId } },
  };
}

/** A message in a channel thread, addressed to the bot with an @mention, as Teams sends it. */
export function channelMessage(serviceUrl: string, text: string, from: TeamsUser = operator): TeamsActivity {
  const rootId = `${Date.now()}`;
  return {
    ...envelope(serviceUrl, from),
    type: 'message',
    textFormat: 'plain',
    text: `<at>${botAccount.name}</at> ${text}`,
    entities: [
      { type: 'mention', mentioned: botAccount, text: `<at>${botAccount.name}</at>` },
      { locale: 'en-US', country: 'US', platform: 'Web', type: 'clientInfo' },
    ],
    conversation: {
      isGroup: true,
      conversationType: 'channel',
      tenantId: teamsTenantId,
      id: `${channelId};messageid=${rootId}`,
    },
    channelData: {
      teamsChannelId: channelId,
      teamsTeamId: '19:712c61d0ef384e5fa681ba90ca943398@thread.tacv2',
      channel: { id: channelId, name: 'Helpdesk' },
      team: { id: '19:712c61d0ef384e5fa681ba90ca943398@thread.tacv2', name: 'MSP Operations' },
      tenant: { id: teamsTenantId },
    },
  };
}

export function groupChatMessage(serviceUrl: string, text: string, from: TeamsUser = operator): TeamsActivity {
  return {
    ...envelope(serviceUrl, from),
    type: 'message',
    text: `<at>${botAccount.name}</at> ${text}`,
    conversation: { isGroup: true, conversationType: 'groupChat', tenantId: teamsTenantId, id: groupChatId },
    channelData: { tenant: { id: teamsTenantId } },
  };
}

/** The Universal Action invoke Teams sends when an Action.Execute button is clicked (inputs merged into data). */
export function cardAction(
  base: TeamsActivity,
  verb: string,
  data: Record<string, unknown>,
  replyToId = 'card-message-1',
): TeamsActivity {
  return {
    ...base,
    id: `f:${randomUUID()}`,
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    textFormat: undefined,
    value: { action: { type: 'Action.Execute', id: randomUUID(), verb, data }, trigger: 'manual' },
    replyToId,
  };
}

/** The classic Action.Submit: a message with no text whose value is the data merged with the inputs. */
export function actionSubmit(
  base: TeamsActivity,
  value: Record<string, unknown>,
  replyToId = 'card-message-1',
): TeamsActivity {
  return {
    ...base,
    id: `f:${randomUUID()}`,
    type: 'message',
    text: undefined,
    textFormat: undefined,
    value,
    replyToId,
  };
}

/** One Teams identity per role, as the end-to-end tests configure them. */
export const people = {
  admin: { id: '29:admin-ana', name: 'Ana Admin', aadObjectId: 'a0000000-0000-4000-8000-00000000000a' },
  approver: { id: '29:approver-ben', name: 'Ben Approver', aadObjectId: 'b0000000-0000-4000-8000-00000000000b' },
  helpdesk: { id: '29:helpdesk-hal', name: 'Hal Helpdesk', aadObjectId: 'c0000000-0000-4000-8000-00000000000c' },
  stranger: { id: '29:stranger-sam', name: 'Sam Stranger', aadObjectId: 'd0000000-0000-4000-8000-00000000000d' },
} satisfies Record<string, TeamsUser>;

export interface ActivityAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are free-form JSON
  body: any;
}

/** Posts an activity to `<baseUrl>/api/messages` as the Bot Connector would; a JSON answer is parsed. */
export async function postActivity(
  baseUrl: string,
  activity: TeamsActivity,
  headers: Record<string, string> = {},
): Promise<ActivityAnswer> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.includes('json');
  return { status: response.status, body: isJson && text ? JSON.parse(text) : text || undefined };
}

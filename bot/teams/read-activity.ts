/**
 * Reads a Teams activity into the transport-neutral parts of a Request: who asks (teams:<aadObjectId>), from where
 * (personal chat, channel, group chat), and the command text without the bot's @mention.
 */
import { type Activity, TurnContext } from 'botbuilder';
import type { ErrorReply } from '../../core/reply';
import type { RequestContext } from '../../core/request';
import { privateConversationOf } from './personal-chat';

export type ContextResult = { ok: true; context: RequestContext } | { ok: false; error: ErrorReply };

/** A channel conversation id without the thread suffix: `19:…@thread.tacv2;messageid=123` → `19:…@thread.tacv2`. */
export function channelKeyOf(conversationId: string): string {
  const cut = conversationId.indexOf(';messageid=');
  return cut === -1 ? conversationId : conversationId.slice(0, cut);
}

/**
 * What makes an activity the same one again: Teams redelivers with the same conversation, activity id and sender.
 * The id alone is not enough (another conversation or sender may reuse it). Undefined without an activity id.
 */
export function deliveryKeyOf(activity: Activity): string | undefined {
  if (!activity.id) return undefined;
  const sender = activity.from?.aadObjectId ?? activity.from?.id ?? '';
  return JSON.stringify([activity.conversation?.id ?? '', activity.id, sender]);
}

/** The Entra tenants whose people may talk to the bot, or `any` (dev mode: no check). */
export type AllowedTenants = readonly string[] | 'any';

/**
 * Refuses an activity from outside the allowed tenants. Teams names the tenant in conversation.tenantId and
 * channelData.tenant.id; every one given must be allowed, and one must be given.
 */
function refuseForeignTenant(activity: Activity, allowed: AllowedTenants): ErrorReply | undefined {
  if (allowed === 'any') return undefined;
  const named = [activity.conversation?.tenantId, activity.channelData?.tenant?.id]
    .filter((id): id is string => typeof id === 'string' && id.trim() !== '')
    .map((id) => id.trim().toLowerCase());
  if (named.length > 0 && named.every((id) => allowed.includes(id))) return undefined;
  return {
    kind: 'error',
    code: 'forbidden',
    message:
      named.length === 0
        ? 'Teams did not say which organisation this message came from, so m365ops did not run it.'
        : 'Sorry, this m365ops serves only its own organisation, and your message came from another organisation’s Microsoft Entra tenant, so nothing was run.',
  };
}

/** Whether the activity comes from an organisation the bot serves (a welcome goes only there). */
export function isFromAllowedTenant(activity: Activity, allowed: AllowedTenants): boolean {
  return refuseForeignTenant(activity, allowed) === undefined;
}

export function readRequestContext(activity: Activity, allowedTenants: AllowedTenants): ContextResult {
  const foreign = refuseForeignTenant(activity, allowedTenants);
  if (foreign) return { ok: false, error: foreign };
  const aadObjectId = activity.from?.aadObjectId?.trim();
  if (!aadObjectId) {
    return {
      ok: false,
      error: {
        kind: 'error',
        code: 'unknown-identity',
        message:
          'Teams did not say which Microsoft Entra account sent this message, so m365ops cannot check your role. Send the command from a signed-in Teams account in your organisation.',
      },
    };
  }
  const conversation = activity.conversation;
  const isPersonal = conversation.conversationType === 'personal';
  const channelKey = channelKeyOf(conversation.id);
  return {
    ok: true,
    context: {
      identity: `teams:${aadObjectId}`,
      displayName: activity.from.name || undefined,
      origin: 'teams',
      channelKey,
      channelName: channelNameOf(activity, isPersonal),
      isPersonal,
      channelReference: channelReferenceOf(activity, channelKey),
      ...withPrivateConversation(activity),
    },
  };
}

/** From a channel or group chat: the 1:1 chat the bot can open to tell the person something privately later. */
function withPrivateConversation(activity: Activity): Pick<RequestContext, 'privateConversation'> {
  const privateConversation = privateConversationOf(activity);
  return privateConversation ? { privateConversation } : {};
}

/** Where the channel's notifications go later: the channel itself, not the thread this message was in. */
function channelReferenceOf(activity: Activity, channelKey: string): Record<string, unknown> {
  const reference = TurnContext.getConversationReference(activity);
  const tenantId = activity.conversation.tenantId ?? activity.channelData?.tenant?.id;
  return JSON.parse(
    JSON.stringify({
      ...reference,
      activityId: undefined,
      conversation: { ...reference.conversation, id: channelKey, ...(tenantId ? { tenantId } : {}) },
    }),
  );
}

function channelNameOf(activity: Activity, isPersonal: boolean): string | undefined {
  if (isPersonal) return 'personal chat';
  const channelData = (activity.channelData ?? {}) as { channel?: { name?: string }; team?: { name?: string } };
  const channel = channelData.channel?.name;
  const team = channelData.team?.name;
  if (channel && team) return `${team} > ${channel}`;
  return (
    channel ??
    team ??
    activity.conversation.name ??
    (activity.conversation.conversationType === 'groupChat' ? 'group chat' : undefined)
  );
}

const entities: Record<string, string> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&lt;': '<',
  '&gt;': '>',
};

/**
 * The command typed, without `<at>Bot</at>` mentions (channels and group chats), a leading bot name, HTML markup
 * Teams may add, and typographic quotes Teams substitutes for straight ones.
 */
export function readCommandText(activity: Activity): string {
  let text = activity.text ?? '';
  text = text.replace(/<at>[^<]*<\/at>/gi, ' ');
  // `[^<>]`, not `[^>]`: a tag never holds a `<`, and a run of unclosed `<` is then read once, not once per `<`.
  // Line breaks (a `<br>`, the end of a paragraph or code block) stay lines: a CSV pasted after `bulk` needs them.
  text = text.replace(/<br\s*\/?>|<\/(?:p|div|pre|li)>/gi, '\n');
  text = text.replace(/<[^<>]+>/g, ' ');
  text = text.replace(/&(nbsp|amp|quot|#39|lt|gt);/g, (entity) => entities[entity] ?? entity);
  text = text.replace(/[\u201c\u201d]/g, '"').replace(/[\u2018\u2019]/g, "'");
  text = text
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .trim();
  const botName = activity.recipient?.name?.trim();
  if (botName && text.toLowerCase().startsWith(`${botName.toLowerCase()} `)) {
    text = text.slice(botName.length).trim();
  } else if (botName && text.toLowerCase() === botName.toLowerCase()) {
    text = '';
  }
  return /^bulk\s*(\n|```)/i.test(text) ? text : text.replace(/\s+/g, ' ');
}

/**
 * The welcome card, sent when the bot arrives in a conversation: installed for a person (installationUpdate `add`)
 * or added to a team or chat (conversationUpdate whose membersAdded names the bot). Teams often sends both for one
 * install, so each conversation is welcomed once.
 */
import { type Activity, ActivityTypes, type TurnContext } from 'botbuilder';
import { renderReplyCard, welcomeReply } from '../../cards';
import { cardMessage } from './card-messages';
import { type AllowedTenants, isFromAllowedTenant } from './read-activity';
import { createRecentActivities } from './recent-activities';

export type Welcomer = (context: TurnContext) => Promise<boolean>;

export function createWelcomer(allowedTenants: AllowedTenants): Welcomer {
  const welcomed = createRecentActivities<void>();
  return async (context) => {
    const activity = context.activity;
    if (!isArrival(activity)) return false;
    if (!isFromAllowedTenant(activity, allowedTenants)) return true;
    const { repeat, outcome } = welcomed.once(`welcome:${activity.conversation.id}`, async () => {
      const reply = welcomeReply();
      await context.sendActivity(cardMessage(renderReplyCard(reply), reply.title));
    });
    if (!repeat) await outcome;
    return true;
  };
}

function isArrival(activity: Activity): boolean {
  if (activity.type === ActivityTypes.InstallationUpdate) return activity.action === 'add';
  if (activity.type !== ActivityTypes.ConversationUpdate) return false;
  const botId = activity.recipient?.id;
  return botId !== undefined && (activity.membersAdded ?? []).some((member) => member.id === botId);
}

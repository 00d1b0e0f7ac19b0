/**
 * `notify here` moving a customer's channel in Teams (issue 12 item 5): the open discrepancies are posted again in
 * the new conversation as the digest with its per-kind buttons, the old digest in the channel is updated in place
 * (updateActivity through the connector) to say where they went with its buttons gone, a click still made on the
 * old card is told where the discrepancy lives now, and decisions on the new card work.
 */
import { executeActions } from '../../cards/card-walk';
import { addUnmanagedUsers } from '../../support/unmanaged-users';
import { validateAdaptiveCard } from '../../support/validate-adaptive-card';
import { type AppHarness, startAppHarness } from './app-harness';
import {
  cardAction,
  channelId,
  channelMessage,
  groupChatId,
  groupChatMessage,
  people,
  type TeamsActivity,
  type TeamsUser,
} from './teams-activities';

// biome-ignore lint/suspicious/noExplicitAny: cards are free-form JSON
type Card = any;
type Button = { title: string; verb: string; data: Record<string, unknown> };

let h: AppHarness;
let oldDigest: { conversationId: string; activityId: string; card: Card };
let moveAnswer: Card;

/** The card's JSON without the Markdown escapes of its text (`\>` reads as `>`). */
const text = (card: Card) => JSON.stringify(card).replace(/\\\\/g, '');

const buttons = (card: Card) => executeActions(card) as unknown as Button[];

/** Says `text` where `at` builds the activity, and returns the card of the last message the bot sent back. */
async function say(at: (text: string) => TeamsActivity, commandText: string): Promise<Card> {
  const before = h.connector.recorded.length;
  expect((await h.post(at(commandText))).status).toBe(200);
  const sent = h.connector.recorded.slice(before).filter((a) => a.body?.type === 'message' && a.status < 300);
  return sent.at(-1)?.body.attachments?.[0]?.content;
}

/** The digest of fabrikam most recently posted into `conversationId`. */
function digestIn(conversationId: string): { conversationId: string; activityId: string; card: Card } {
  const posted = h.connector.messages(conversationId).filter((a) => text(a.body).includes('Approve all'));
  const last = posted.at(-1)!;
  return { conversationId, activityId: last.newActivityId!, card: last.body.attachments[0].content };
}

async function click(base: TeamsActivity, button: Button, replyToId: string): Promise<Card> {
  const response = await h.post(cardAction(base, button.verb, button.data, replyToId));
  expect(response.status).toBe(200);
  return response.body;
}

const inChannel = (user: TeamsUser) => (words: string) => channelMessage(h.connector.serviceUrl, words, user);
const inGroupChat = (user: TeamsUser) => (words: string) => groupChatMessage(h.connector.serviceUrl, words, user);

beforeAll(async () => {
  h = await startAppHarness({ workingCardAfterMs: 10_000 });
  // Thirteen licensed users m365ops does not know: the first sync posts one digest of 13 unmanaged-user rows.
  addUnmanagedUsers(h.app, 'moved');
  await say(inChannel(people.admin), 'notify here fabrikam');
  await say(inChannel(people.helpdesk), 'sync fabrikam');
  oldDigest = digestIn(channelId);
  moveAnswer = await say(inGroupChat(people.admin), 'notify here fabrikam');
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('notify here moving the channel in Teams', () => {
  it('says the open discrepancies are posted in the new chat and the old cards say so', () => {
    expect(text(moveAnswer)).toContain('notifications now go to group chat');
    expect(text(moveAnswer)).toContain('It moved from MSP Operations > Helpdesk.');
    expect(text(moveAnswer)).toContain('13 open discrepancies are posted here.');
    expect(text(moveAnswer)).toContain('The card in MSP Operations > Helpdesk now says where its discrepancies went.');
  });

  it('posts the digest again in the new chat with its per-kind buttons', () => {
    const digest = digestIn(groupChatId);
    expect(validateAdaptiveCard(digest.card)).toEqual([]);
    expect(text(digest.card)).toContain('Fabrikam');
    expect(
      buttons(digest.card).some((b) => b.verb === 'decide-all' && b.title === 'Approve all 13: Not managed by m365ops'),
    ).toBe(true);
    expect(buttons(digest.card).filter((b) => b.verb === 'decide').length).toBeGreaterThan(0);
  });

  it('updates the old digest in place to say where it went, its buttons gone', () => {
    const current = h.connector.current(oldDigest.conversationId, oldDigest.activityId)!;
    expect(current.operation).toBe('update');
    const card = current.body.attachments[0].content;
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(text(card)).toContain('Moved to group chat');
    expect(text(card)).toContain('discrepancies fabrikam');
    expect(buttons(card)).toEqual([]);
  });

  it('tells a click still made on the old card where the discrepancy lives now, and changes nothing', async () => {
    const row = buttons(oldDigest.card).find((b) => b.verb === 'decide' && b.data.action === 'approve')!;
    const answer = await click(inChannel(people.approver)(''), row, oldDigest.activityId);
    expect(text(answer)).toContain('This card moved to group chat');
    const discrepancy = await h.app.runtime.store.discrepancies.get(row.data.discrepancyId as string);
    expect(discrepancy?.status).toBe('open');
    const all = buttons(oldDigest.card).find((b) => b.verb === 'decide-all')!;
    expect(text(await click(inChannel(people.approver)(''), all, oldDigest.activityId))).toContain(
      'This card moved to group chat',
    );
  });

  it('decides from the new card, redrawing it with the outcome', async () => {
    const digest = digestIn(groupChatId);
    const row = buttons(digest.card).find((b) => b.verb === 'decide' && b.data.action === 'approve')!;
    const answer = await click(inGroupChat(people.approver)(''), row, digest.activityId);
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(text(answer.value)).toContain(`Approved by ${people.approver.name}`);
    const discrepancy = await h.app.runtime.store.discrepancies.get(row.data.discrepancyId as string);
    expect(discrepancy?.status).not.toBe('open');
  });

  it('names the customers when notify here is said without one', async () => {
    const answer = await say(inGroupChat(people.admin), 'notify here');
    expect(text(answer)).toContain('`notify here` needs the customer id. The customers are');
    expect(text(answer)).toContain('fabrikam');
    expect(text(answer)).toContain('notify here <customer>');
  });
});

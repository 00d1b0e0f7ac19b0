/**
 * What a person reads in Teams, through the real handlers and simulated tenants: the sync summary as one line,
 * help for the person's role, and the welcome card when the bot is installed or added to a team.
 */

import { randomUUID } from 'node:crypto';
import { cardButtons } from '../../cards/card-walk';
import { validateAdaptiveCard } from '../../support/validate-adaptive-card';
import { type AppHarness, startAppHarness } from './app-harness';
import {
  botAccount,
  people,
  personalMessage,
  type TeamsActivity,
  type TeamsUser,
  teamsTenantId,
} from './teams-activities';

let h: AppHarness;

beforeAll(async () => {
  h = await startAppHarness({ workingCardAfterMs: 60_000 });
});

afterAll(async () => {
  await h?.close();
});

/** Teams shows a TextBlock's Markdown escapes as the characters they escape. */
function shown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

// biome-ignore lint/suspicious/noExplicitAny: cards are free-form JSON
async function say(user: TeamsUser, text: string): Promise<{ cards: any[]; text: string }> {
  const before = h.connector.recorded.length;
  const response = await h.post(personalMessage(h.connector.serviceUrl, text, user));
  expect(response.status).toBe(200);
  const sent = h.connector.recorded.slice(before).filter((a) => a.body?.type === 'message' && a.status < 300);
  const cards = sent.map((a) => a.body.attachments?.[0]?.content).filter(Boolean);
  for (const card of cards) expect(validateAdaptiveCard(card)).toEqual([]);
  return { cards, text: shown(textsOf(cards).join('\n')) };
}

/** Every text and title on the cards, in order. */
function textsOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(textsOf);
  if (!node || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own = ['text', 'title'].flatMap((key) => (typeof record[key] === 'string' ? [record[key] as string] : []));
  return [...own, ...Object.values(record).flatMap(textsOf)];
}

describe('the sync summary in Teams', () => {
  it('reads as one line and says how to bind a channel when none is', async () => {
    const { text } = await say(people.helpdesk, 'sync contoso');
    expect(text).toMatch(
      /Read \d+ users · \d+ new differences · 0 posted: no channel bound — run `notify here contoso`/,
    );
  }, 60_000);
});

describe('help in Teams', () => {
  it('keeps every <placeholder> of a usage, in a text run Teams does not read as Markdown', async () => {
    const { cards } = await say(people.admin, 'help');
    const runs = JSON.stringify(cards);
    expect(runs).toContain('"type":"TextRun","text":"customer add <id> \\"<name>\\" [tenant <tenantId>]"');
    expect(runs).toContain('"type":"TextRun","text":"revoke admin <upn>"');
  });

  it('shows helpdesk only its commands and says who grants the others', async () => {
    const { text } = await say(people.helpdesk, 'help');
    expect(text).toContain('add user');
    expect(text).not.toContain('customer add <id>');
    expect(text).toMatch(
      new RegExp(
        `\\d+ more commands need the approver or admin role: an m365ops admin gives a role with \`access <role> add <identity>\`; yours is teams:${people.helpdesk.aadObjectId}\\.`,
      ),
    );
  });

  it('shows an admin everything, with nothing more to ask for', async () => {
    const { text } = await say(people.admin, 'help');
    expect(text).toContain('customer add <id>');
    expect(text).not.toContain('more command');
  });

  it('tells someone with no role that only help is open and how to get the helpdesk role', async () => {
    const { text } = await say(people.stranger, 'help');
    expect(text).not.toContain('add user <');
    expect(text).toMatch(
      /You have no m365ops role yet, so only help is open to you\. \d+ commands need the helpdesk, approver or admin role/,
    );
    expect(text).toContain(`ask an m365ops admin to run \`access helpdesk add teams:${people.stranger.aadObjectId}\`.`);
  });
});

/** What Teams sends when the bot arrives: installed for a person, or added to a team (its General channel). */
function arrival(type: 'installationUpdate' | 'conversationUpdate', conversationId: string, tenantId = teamsTenantId) {
  const activity: TeamsActivity = {
    type,
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: h.connector.serviceUrl,
    from: people.helpdesk,
    recipient: botAccount,
    conversation: { conversationType: 'channel', tenantId, id: conversationId, isGroup: true },
    channelData: { tenant: { id: tenantId }, team: { id: conversationId, name: 'Helpdesk' } },
  };
  return type === 'installationUpdate'
    ? { ...activity, action: 'add' }
    : {
        ...activity,
        membersAdded: [{ id: botAccount.id }],
        channelData: { ...activity.channelData, eventType: 'teamMemberAdded' },
      };
}

async function welcomesAfter(...activities: TeamsActivity[]) {
  const before = h.connector.recorded.length;
  for (const activity of activities) expect((await h.post(activity)).status).toBeLessThan(300);
  const sent = h.connector.recorded.slice(before).filter((a) => a.body?.type === 'message' && a.status < 300);
  // biome-ignore lint/suspicious/noExplicitAny: cards are free-form JSON
  return sent.map((a) => a.body.attachments?.[0]?.content as any);
}

describe('the welcome card in Teams', () => {
  it('greets a team the bot is added to once, with what it does and its first three commands as buttons', async () => {
    const conversation = `19:${randomUUID()}@thread.tacv2`;
    const cards = await welcomesAfter(
      arrival('installationUpdate', conversation),
      arrival('conversationUpdate', conversation),
    );
    expect(cards).toHaveLength(1);
    expect(validateAdaptiveCard(cards[0])).toEqual([]);
    const text = shown(textsOf(cards).join('\n'));
    expect(text).toContain('Hello, I am m365ops');
    expect(text).toContain('what changed in their tenants outside m365ops');
    const buttons = cardButtons(cards[0]);
    expect(buttons.map((button) => [button.title, button.verb, button.data])).toEqual([
      ['help', 'run', { text: 'help' }],
      ['status', 'run', { text: 'status' }],
      ['add user', 'run', { text: 'add user' }],
    ]);
  });

  it('runs a welcome button as the command it names', async () => {
    const conversation = `19:${randomUUID()}@thread.tacv2`;
    const [card] = await welcomesAfter(arrival('conversationUpdate', conversation));
    const help = cardButtons(card).find((button) => button.title === 'help')!;
    const click = {
      ...personalMessage(h.connector.serviceUrl, '', people.helpdesk),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: help.verb, data: help.data } },
    };
    const response = await h.post(click);
    expect(response.status).toBe(200);
    expect(shown(textsOf(response.body.value).join('\n'))).toContain('What m365ops can do');
  });

  it('does not greet a conversation when someone else joins it', async () => {
    const activity = {
      ...arrival('conversationUpdate', `19:${randomUUID()}@thread.tacv2`),
      membersAdded: [{ id: people.approver.id }],
    };
    expect(await welcomesAfter(activity)).toEqual([]);
  });
});

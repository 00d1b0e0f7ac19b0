/**
 * Injection into cards, over HTTP as an attacker would try it: names and typed text that hold Markdown or HTML are
 * shown as written in the cards posted to the Bot Connector, never as links, emphasis or tags; names over Microsoft
 * Entra's limits are refused with a sentence.
 */
import { readTeamsMarkdown } from '../../support/teams-markdown';
import { type AppHarness, startAppHarness } from './app-harness';
import { cardAction, people, personalConversationId, personalMessage, type TeamsUser } from './teams-activities';

// biome-ignore lint/suspicious/noExplicitAny: cards are free-form JSON
type Card = any;

const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';

let h: AppHarness;

beforeAll(async () => {
  h = await startAppHarness({ workingCardAfterMs: 10_000 });
});

afterAll(async () => {
  await h?.close();
});

/** Sends a message and returns the cards the bot posted in answer. */
async function say(text: string, user: TeamsUser = people.helpdesk): Promise<Card[]> {
  const before = h.connector.recorded.length;
  const response = await h.post(personalMessage(h.connector.serviceUrl, text, user));
  expect(response.status).toBe(200);
  return h.connector
    .messages(personalConversationId)
    .filter((activity) => h.connector.recorded.indexOf(activity) >= before)
    .map((activity) => activity.body.attachments?.[0]?.content);
}

/** Every text of a card that Teams reads as Markdown: TextBlock texts and FactSet titles and values. */
function markdownTexts(card: Card): string[] {
  const texts: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'TextBlock') texts.push(String(record.text));
      if (record.type === 'FactSet') {
        for (const fact of record.facts as { title: string; value: string }[]) texts.push(fact.title, fact.value);
      }
      for (const value of Object.values(record)) visit(value);
    }
  };
  visit(card);
  return texts;
}

/** The texts a person sees in the cards, each checked to be shown as written. */
function shownTexts(cards: Card[]): string[] {
  return cards.flatMap(markdownTexts).map((text) => {
    const reading = readTeamsMarkdown(text);
    expect({ text, markup: reading.markup }).toEqual({ text, markup: [] });
    return reading.shown;
  });
}

const hostileNames = ['[Renew](https://evil.example/renew)', '<b>x</b>', '**bold**', '_under_ & ~~gone~~ `code`'];

describe('the check itself', () => {
  it.each(hostileNames)('reads %s as markup when it is not escaped', (name) => {
    expect(readTeamsMarkdown(name).markup).not.toEqual([]);
  });
});

describe('names and typed text in cards', () => {
  it('shows display names that hold Markdown or HTML as written in the user list', async () => {
    for (const [index, name] of hostileNames.entries()) {
      // Teams sends what a person typed as HTML-escaped text.
      const typed = name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      const [result] = await say(
        `add user hostile${index}@contoso.com plan business-basic name "${typed}" location GB customer contoso`,
      );
      expect(JSON.stringify(result)).toContain(`Added hostile${index}@contoso.com`);
    }
    const shown = shownTexts(await say('users contoso')).join('\n');
    for (const name of hostileNames) expect(shown).toContain(name);
  });

  it('shows a typed command that holds a link as written in the error it repeats', async () => {
    const cards = await say('[Renew](https://evil.example/renew) now');
    expect(shownTexts(cards).join('\n')).toContain('"[Renew](https://evil.example/renew)" is not a command I know.');
  });
});

describe('name limits', () => {
  const longName = `${'Jane '.repeat(59)}Doe Smith`;

  it('refuses a typed display name over 256 characters, saying how long it was', async () => {
    expect(longName).toHaveLength(304);
    const cards = await say(
      `add user long.name@contoso.com plan business-basic name "${longName}" location GB customer contoso`,
    );
    expect(shownTexts(cards).join('\n')).toContain(
      `The display name is too long for Microsoft Entra: "${longName.slice(0, 60)}…(304 characters; the limit is 256)". Shorten it and try again.`,
    );
    expect(h.app.simulator!.control.getUser(contosoTenantId, 'long.name@contoso.com')).toBeNull();
  });

  it('refuses it in the add-user form, under the display name input', async () => {
    const form = { form: 'add-user', customerId: 'contoso', planId: 'business-basic', domain: 'contoso.com' };
    const values = { ...form, userName: 'long.form', displayName: longName, usageLocation: 'GB' };
    const response = await h.post(
      cardAction(personalMessage(h.connector.serviceUrl, '', people.helpdesk), 'submit-form', values),
    );
    expect(response.status).toBe(200);
    const card: Card = response.body.value;
    const field = card.body.find((item: Card) => item.type === 'Container' && item.items[0]?.id === 'displayName');
    expect(field.items[0].value).toBe(longName);
    expect(shownTexts([field])).toEqual([
      `The display name is too long for Microsoft Entra: "${longName.slice(0, 60)}…(304 characters; the limit is 256)". Shorten it and try again.`,
    ]);
    expect(h.app.simulator!.control.getUser(contosoTenantId, 'long.form@contoso.com')).toBeNull();
  });
});

describe('long input in forms', () => {
  it('cuts the values a refused form repeats, saying how long they were', async () => {
    const userName = 'a'.repeat(3_000);
    const values = {
      form: 'add-user',
      customerId: 'contoso',
      planId: 'business-basic',
      domain: 'contoso.com',
      userName,
      usageLocation: 'GB',
    };
    const response = await h.post(
      cardAction(personalMessage(h.connector.serviceUrl, '', people.helpdesk), 'submit-form', values),
    );
    const card: Card = response.body.value;
    const field = card.body.find((item: Card) => item.type === 'Container' && item.items[0]?.id === 'userName');
    expect(shownTexts([field])).toEqual([
      `"${'a'.repeat(60)}…(3,012 characters)" is not a valid user name; write it as name@domain (letters, digits and ' . - _ ! # ^ ~ before the @), such as jane.doe@contoso.com.`,
    ]);
  });
});

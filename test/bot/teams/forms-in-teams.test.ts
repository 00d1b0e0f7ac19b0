/**
 * The forms in Teams, through /api/messages against the demo tenants: `add user contoso` opens the form for Contoso
 * with its domains and plans; choosing another customer draws it again (an `adaptiveCard/action` invoke answered
 * with the new card, every value kept); a submit shows every error at once beside its input; change plan and remove
 * user pick the user from the customer's users (`application/search` invokes for the Data.Query typeahead).
 */
import { validateAdaptiveCard } from '../../support/validate-adaptive-card';
import { type AppHarness, startAppHarness } from './app-harness';
import { cardAction, people, personalMessage, type TeamsActivity, type TeamsUser } from './teams-activities';

// biome-ignore lint/suspicious/noExplicitAny: cards are free-form JSON
type Json = any;

let h: AppHarness;

beforeAll(async () => {
  h = await startAppHarness({ workingCardAfterMs: 60_000 });
  for (const [upn, displayName] of [
    ['adele.vance@contoso.com', 'Adele Vance'],
    ['alex.wilber@contoso.com', 'Alex Wilber'],
    ['gone.user@contoso.com', 'Gone User'],
  ]) {
    await h.app.store.serviceUsers.create({
      customerId: 'contoso',
      objectId: `object-${upn}`,
      upn,
      displayName,
      planId: 'business-basic',
      admin: false,
      usageLocation: 'GB',
      aliases: [],
      status: upn.startsWith('gone') ? 'deleted' : 'active',
      createdBy: 'cli:test',
    });
  }
});

afterAll(async () => {
  await h?.close();
});

const base = (user: TeamsUser, text = '') => personalMessage(h.connector.serviceUrl, text, user);

async function say(user: TeamsUser, text: string): Promise<Json> {
  const before = h.connector.recorded.length;
  expect((await h.post(base(user, text))).status).toBe(200);
  const [card] = h.connector.recorded
    .slice(before)
    .filter((sent) => sent.body?.type === 'message')
    .map((sent) => sent.body.attachments?.[0]?.content);
  expect(validateAdaptiveCard(card)).toEqual([]);
  return card;
}

/** An Action.Execute of the form card, the inputs merged into its data as Teams does; the card it answers. */
async function execute(user: TeamsUser, verb: string, data: Record<string, unknown>): Promise<Json> {
  const response = await h.post(cardAction(base(user), verb, data));
  expect(response.status).toBe(200);
  expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(validateAdaptiveCard(response.body.value)).toEqual([]);
  return response.body.value;
}

function search(user: TeamsUser, value: Record<string, unknown>): Promise<{ status: number; body: Json }> {
  const activity: TeamsActivity = { ...base(user), type: 'invoke', name: 'application/search', text: undefined, value };
  return h.post(activity);
}

function walk(node: unknown, found: Json[] = []): Json[] {
  if (Array.isArray(node)) for (const item of node) walk(item, found);
  else if (node && typeof node === 'object') {
    found.push(node);
    for (const value of Object.values(node)) walk(value, found);
  }
  return found;
}

const input = (card: Json, id: string) =>
  walk(card).find((node) => node.id === id && String(node.type).startsWith('Input.'));
const choicesOf = (card: Json, id: string) => (input(card, id)?.choices ?? []).map((choice: Json) => choice.value);

/** The red text right under an input (the input's container holds the input, then its error). */
function errorUnder(card: Json, id: string): string | undefined {
  const container = walk(card).find((node) => node.type === 'Container' && node.items?.[0]?.id === id);
  const next = container?.items?.[1];
  return next?.type === 'TextBlock' && next.color === 'Attention' ? next.text : undefined;
}

describe('the add-user form in Teams', () => {
  it('opens for the customer named, with its domains and its plans with free licences as choices', async () => {
    const card = await say(people.helpdesk, 'add user contoso');
    expect(input(card, 'customerId').value).toBe('contoso');
    expect(choicesOf(card, 'domain')).toContain('contoso.com');
    expect(input(card, 'domain').type).toBe('Input.ChoiceSet');
    expect(choicesOf(card, 'planId')).toEqual(expect.arrayContaining(['business-premium', 'business-basic']));
    expect(JSON.stringify(input(card, 'planId').choices)).toMatch(/\d+ free/);
  });

  it('is drawn again for the customer chosen: its domains, every value typed kept', async () => {
    const opened = await say(people.helpdesk, 'add user customer contoso');
    const refresh = walk(opened).find((node) => node.type === 'Action.Execute' && node.verb === 'refresh-form');
    expect(refresh).toBeDefined();
    expect(refresh.associatedInputs).toBeUndefined();

    const card = await execute(people.helpdesk, refresh.verb, {
      ...refresh.data,
      customerId: 'fabrikam',
      givenName: 'Kept',
      userName: 'kept.value',
      domain: 'contoso.com',
    });

    expect(input(card, 'customerId').value).toBe('fabrikam');
    expect(choicesOf(card, 'domain')).toEqual(expect.arrayContaining(['fabrikam.com']));
    expect(choicesOf(card, 'domain')).not.toContain('contoso.com');
    expect(input(card, 'domain').value).toBe('fabrikam.com');
    expect(input(card, 'givenName').value).toBe('Kept');
    expect(input(card, 'userName').value).toBe('kept.value');
    expect(walk(card).filter((node) => node.color === 'Attention')).toEqual([]);
  });

  it('shows every error of a submit at once, each under its input, the values kept', async () => {
    const card = await execute(people.helpdesk, 'submit-form', {
      form: 'add-user',
      customerId: 'contoso',
      givenName: 'Three',
      userName: 'three@errors',
      domain: 'contoso.com',
      usageLocation: 'Atlantis',
      admin: 'false',
    });

    expect(errorUnder(card, 'userName')).toBe('Enter only the part before @; choose the domain below.');
    expect(errorUnder(card, 'planId')).toBe('Choose the plan whose licences the user gets.');
    expect(errorUnder(card, 'usageLocation')).toMatch(/"Atlantis" is not a country code/);
    expect(input(card, 'givenName').value).toBe('Three');
    expect(input(card, 'usageLocation').value).toBe('Atlantis');
    expect(h.app.simulator!.control.getUser('0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60', 'three@contoso.com')).toBeNull();
  });
});

describe('choosing a user in Teams', () => {
  it('offers the customer’s users in the remove-user form, searched as the person types', async () => {
    const card = await say(people.helpdesk, 'remove user customer contoso');
    const upn = input(card, 'upn');
    expect(upn).toMatchObject({
      type: 'Input.ChoiceSet',
      style: 'filtered',
      'choices.data': { type: 'Data.Query', dataset: 'users', associatedInputs: 'auto' },
    });
    expect(choicesOf(card, 'upn')).toEqual(['adele.vance@contoso.com', 'alex.wilber@contoso.com']);
  });

  it('answers application/search with the chosen customer’s users matching the text, deleted ones left out', async () => {
    const response = await search(people.helpdesk, {
      queryText: 'ALEX',
      queryOptions: { skip: 0, top: 15 },
      dataset: 'users',
      data: { customerId: 'contoso', upn: '' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      type: 'application/vnd.microsoft.search.searchResponse',
      value: { results: [{ title: 'Alex Wilber (alex.wilber@contoso.com)', value: 'alex.wilber@contoso.com' }] },
    });

    const gone = await search(people.helpdesk, {
      queryText: 'gone',
      dataset: 'users',
      data: { customerId: 'contoso' },
    });
    expect(gone.body.value.results).toEqual([]);
  });

  it('refuses the search to someone without a role, naming the role', async () => {
    const response = await search(people.stranger, {
      queryText: '',
      dataset: 'users',
      data: { customerId: 'contoso' },
    });
    expect(response.body.type).toBe('application/vnd.microsoft.error');
    expect(response.body.value.message).toMatch(/helpdesk role/);
  });

  it('offers the users in the change-plan form too', async () => {
    const card = await say(people.helpdesk, 'change plan customer contoso');
    expect(input(card, 'upn')['choices.data']).toMatchObject({ type: 'Data.Query', dataset: 'users' });
    expect(choicesOf(card, 'upn')).toContain('adele.vance@contoso.com');
  });

  it('asks before removing the user chosen in the remove-user form', async () => {
    const card = await execute(people.helpdesk, 'submit-form', {
      form: 'remove-user',
      customerId: 'contoso',
      upn: 'adele.vance@contoso.com',
      delete: 'false',
    });
    expect(JSON.stringify(card)).toContain('Remove adele.vance@contoso.com?');
    const confirm = walk(card).find((node) => node.type === 'Action.Execute' && node.verb === 'run');
    expect(confirm.data.command).toMatchObject({
      name: 'remove-user',
      upn: 'adele.vance@contoso.com',
      confirmed: true,
    });
  });

  it('says which user is missing beside the user input', async () => {
    const card = await execute(people.helpdesk, 'submit-form', { form: 'remove-user', customerId: 'contoso' });
    expect(errorUnder(card, 'upn')).toMatch(/Choose the user/);
  });
});

/**
 * add user from Teams against the demo tenants, for what it must never do on its own: unblock or promote a user it
 * finds (the demo's disabled scanner@contoso.onmicrosoft.com), and call a user it created itself "linked" when the
 * answer to its create was lost (a crash or a network failure between Microsoft acting and m365ops recording it).
 */
import { globalAdministratorTemplateId } from '../../../m365/tenant-roles';
import type { AppHarness } from './app-harness';
import { startAppHarness } from './app-harness';
import { cardAction, people, personalMessage, type TeamsUser } from './teams-activities';

const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';

let h: AppHarness;

beforeAll(async () => {
  h = await startAppHarness({ workingCardAfterMs: 60_000 });
});

afterAll(async () => {
  await h?.close();
});

/** Sends a message in the personal chat and answers the cards the bot sent back. */
async function say(user: TeamsUser, text: string): Promise<string[]> {
  const before = h.connector.recorded.length;
  const response = await h.post(personalMessage(h.connector.serviceUrl, text, user));
  expect(response.status).toBe(200);
  return h.connector.recorded
    .slice(before)
    .filter((sent) => sent.body?.type === 'message')
    .map((sent) => JSON.stringify(sent.body.attachments?.[0]?.content ?? sent.body.text));
}

/** Clicks the Action.Execute titled `title` on a card as `user`; answers the card that replaces it. */
async function click(user: TeamsUser, card: string, title: string): Promise<string> {
  const found: { verb: string; data: Record<string, unknown> }[] = [];
  JSON.stringify(JSON.parse(card), (_key, value) => {
    if (value?.type === 'Action.Execute' && value.title === title) found.push(value);
    return value;
  });
  if (!found[0]) throw new Error(`No "${title}" button on ${card}`);
  const base = personalMessage(h.connector.serviceUrl, '', user);
  const response = await h.post(cardAction(base, found[0].verb, found[0].data));
  expect(response.status).toBe(200);
  return JSON.stringify(response.body.value);
}

const sim = () => h.app.simulator!.control;
const admins = () => sim().listRoleMembers(contosoTenantId, globalAdministratorTemplateId);

describe('an existing user', () => {
  it('is linked as found: the disabled scanner keeps its sign-in blocked and gets no admin role', async () => {
    const scanner = sim().getUser(contosoTenantId, 'scanner@contoso.onmicrosoft.com')!;
    expect(scanner.accountEnabled).toBe(false);

    const cards = await say(
      people.helpdesk,
      'add user scanner@contoso.onmicrosoft.com plan business-basic location GB',
    );

    expect(cards).toHaveLength(1);
    expect(cards[0]).toContain('Linked scanner@contoso.onmicrosoft.com to Contoso Ltd');
    expect(cards[0]).toContain('exists, disabled, not admin');
    expect(cards[0]).toContain('Left alone: sign-in left blocked; admin role not given.');
    expect(cards[0]).not.toMatch(/Temporary password/);
    expect(sim().getUser(contosoTenantId, scanner.id)?.accountEnabled).toBe(false);
    expect(admins()).not.toContain(scanner.id);
  });

  it('gets the admin role an approver asks for and confirms, and its sign-in still stays blocked', async () => {
    const kiosk = sim().addUser(contosoTenantId, {
      userPrincipalName: 'kiosk@contoso.com',
      displayName: 'Lobby Kiosk',
      accountEnabled: false,
    });

    const [question] = await say(people.approver, 'add user kiosk@contoso.com plan business-basic location GB admin');
    expect(question).toContain('Add kiosk@contoso.com as Global Administrator?');
    expect(admins()).not.toContain(kiosk.id);
    const answer = await click(people.approver, question!, 'Add as Global Administrator');

    expect(answer).toContain('Linked kiosk@contoso.com to Contoso Ltd');
    expect(answer).toContain('Left alone: sign-in left blocked.');
    expect(sim().getUser(contosoTenantId, kiosk.id)?.accountEnabled).toBe(false);
    expect(admins()).toContain(kiosk.id);
  });
});

describe('the add-user form', () => {
  it('names the role its admin toggle grants, and a submission with it on asks first, then adds as admin', async () => {
    const [form] = await say(people.approver, 'add user customer contoso');
    expect(form).toContain('Make Global Administrator');
    const base = personalMessage(h.connector.serviceUrl, '', people.approver);
    const values = { form: 'add-user', customerId: 'contoso', userName: 'toggle.admin', domain: 'contoso.com' };
    const submitted = await h.post(
      cardAction(base, 'submit-form', { ...values, planId: 'business-basic', usageLocation: 'GB', admin: 'true' }),
    );
    const question = JSON.stringify(submitted.body.value);
    expect(question).toContain('Add toggle.admin@contoso.com as Global Administrator?');
    expect(sim().getUser(contosoTenantId, 'toggle.admin@contoso.com')).toBeNull();

    const answer = await click(people.approver, question, 'Add as Global Administrator');
    expect(answer).toContain('Added toggle.admin@contoso.com to Contoso Ltd');
    expect(admins()).toContain(sim().getUser(contosoTenantId, 'toggle.admin@contoso.com')!.id);
  });
});

describe('a create whose answer was lost', () => {
  it('is finished by the next request as m365ops’s own: a new password shown once, audited as created', async () => {
    const upn = 'lost.answer@contoso.com';
    sim().setFaults({ lostAnswer: { route: 'POST /v1.0/$batch' } });
    const failed = await say(people.helpdesk, `add user ${upn} plan business-basic location GB`);
    sim().clearFaults();
    expect(failed).toHaveLength(1);
    expect(failed[0]).not.toMatch(/Temporary password/);
    const created = sim().getUser(contosoTenantId, upn)!;
    expect(created).not.toBeNull();

    // Asked again: a new message, so a new request.
    const again = await say(people.helpdesk, `add user ${upn} plan business-basic location GB`);

    expect(again).toHaveLength(2);
    expect(again[0]).toContain(`Added ${upn} to Contoso Ltd`);
    expect(again[0]).not.toContain('already existed');
    expect(again[1]).toMatch(/Temporary password/);
    expect(
      sim()
        .listUsers(contosoTenantId)
        .filter((user) => user.userPrincipalName === upn),
    ).toHaveLength(1);
    const [audit] = await h.app.store.audit.list({ customerId: 'contoso', limit: 1 });
    expect(audit).toMatchObject({ action: 'add-user', result: 'ok', target: upn });
    expect(audit?.details).toMatchObject({ objectId: created.id, created: true, linked: false });

    const third = await say(people.helpdesk, `add user ${upn} plan business-basic location GB`);
    expect(third).toHaveLength(1);
    expect(third[0]).toContain(`${upn} is on Microsoft 365 Business Basic at Contoso Ltd`);
  });
});

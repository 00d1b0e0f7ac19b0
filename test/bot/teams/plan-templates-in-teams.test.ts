/**
 * Plans as templates from Teams against the demo tenants: an admin gives business-premium a username format,
 * groups and a shared mailbox (checked in Contoso's and Fabrikam's tenants, which both offer it), and helpdesk
 * adds "Jane Doe" without a UPN; a name whose UPN is taken is refused with the next free one, nothing written.
 */
import type { AppHarness } from './app-harness';
import { startAppHarness } from './app-harness';
import { people, personalMessage, type TeamsUser } from './teams-activities';

const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';

let h: AppHarness;

beforeAll(async () => {
  h = await startAppHarness({ workingCardAfterMs: 60_000 });
});

afterAll(async () => {
  await h?.close();
});

async function say(user: TeamsUser, text: string): Promise<string[]> {
  const before = h.connector.recorded.length;
  const response = await h.post(personalMessage(h.connector.serviceUrl, text, user));
  expect(response.status).toBe(200);
  return h.connector.recorded
    .slice(before)
    .filter((sent) => sent.body?.type === 'message')
    .map((sent) => JSON.stringify(sent.body.attachments?.[0]?.content ?? sent.body.text));
}

const sim = () => h.app.simulator!.control;

describe('an admin makes a plan a template', () => {
  it('refuses a group one of the tenants offering the plan lacks, naming the group, the customer and its groups', async () => {
    const [answer] = await say(people.admin, 'plan business-premium groups "Sales","Finance"');
    expect(answer).toContain(
      'There is no group \\"Finance\\" in Fabrikam Inc\'s tenant; its groups are All Staff, Licence - Business Premium, Sales. Nothing was changed.',
    );
    expect((await h.app.store.plans.get('business-premium'))?.groups).toBeUndefined();
  });

  it('sets groups found in every tenant, the username format, and a shared mailbox that is shared', async () => {
    expect((await say(people.admin, 'plan business-premium groups "Sales","all staff"'))[0]).toContain(
      'New users on Microsoft 365 Business Premium join Sales, all staff',
    );
    expect((await say(people.admin, 'plan business-premium format first.last'))[0]).toContain(
      'makes UPNs as first.last',
    );
    const [notShared] = await say(people.admin, 'plan business-premium shared-mailbox reception@contoso.com send-as');
    expect(notShared).toContain("reception@contoso.com is a user's mailbox, not a shared one in Contoso Ltd's tenant");
    const [granted] = await say(
      people.admin,
      'plan business-premium shared-mailbox sales.team@contoso.com full-access',
    );
    expect(granted).toContain('get Full Access to sales.team@contoso.com');

    expect(await h.app.store.plans.get('business-premium')).toMatchObject({
      groups: ['Sales', 'all staff'],
      usernameFormat: 'first.last',
      sharedMailboxes: [{ mailbox: 'sales.team@contoso.com', access: ['FullAccess'] }],
    });
    const [shown] = await say(people.helpdesk, 'plan business-premium');
    expect(shown).toContain('sales.team@contoso.com (Full Access)');
    expect(shown).toContain('first.last');
  });

  it('is an admin command: helpdesk is refused', async () => {
    const [answer] = await say(people.helpdesk, 'plan business-premium format f.last');
    expect(answer).toContain('needs the admin role');
    expect((await h.app.store.plans.get('business-premium'))?.usernameFormat).toBe('first.last');
  });
});

describe('add user "<name>" plan <plan>', () => {
  it("makes the UPN from the plan's format and the tenant's default domain, and says so", async () => {
    const cards = await say(people.helpdesk, 'add user "Jane Doe" plan business-premium customer contoso location GB');
    expect(cards[0]).toContain('Added jane.doe@contoso.com to Contoso Ltd');
    expect(cards[0]).toContain(
      "UPN jane.doe@contoso.com from the plan's format first.last (the tenant's default domain).",
    );
    expect(sim().getUser(contosoTenantId, 'jane.doe@contoso.com')?.displayName).toBe('Jane Doe');
  });

  it('refuses a UPN already taken with the next free one, writing nothing', async () => {
    const before = sim().listUsers(contosoTenantId).length;
    const [answer] = await say(people.helpdesk, 'add user "Adele Vance" plan business-premium customer contoso');
    expect(answer).toContain(
      'adele.vance@contoso.com, the UPN the plan\'s format first.last makes of \\"Adele Vance\\", is already taken in Contoso Ltd\'s tenant; nothing was changed. The next free one is adele.vance2@contoso.com',
    );
    expect(sim().listUsers(contosoTenantId)).toHaveLength(before);
  });

  it('refuses a plan without a username format, saying how to set one', async () => {
    const { usernameFormat: _format, ...basic } = (await h.app.store.plans.get('business-basic'))!;
    await h.app.store.plans.upsert(basic);
    const [answer] = await say(people.helpdesk, 'add user "Jim Beam" plan business-basic customer contoso');
    expect(answer).toContain('The plan business-basic has no username format');
    expect(answer).toContain('plan business-basic format first.last');
  });
});

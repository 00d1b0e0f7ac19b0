/**
 * `discrepancies` in Teams (issue 12 item 5): the open ones with their buttons from any chat, ten a page with More,
 * a decision clicked on the listing redrawing that listing with the row's outcome in place, and the errors.
 */
import { globalAdministratorTemplateId } from '../../../m365/tenant-roles';
import { cardButtons } from '../../cards/card-walk';
import { addUnmanagedUsers } from '../../support/unmanaged-users';
import { validateAdaptiveCard } from '../../support/validate-adaptive-card';
import { type AppHarness, startAppHarness } from './app-harness';
import { cardAction, groupChatMessage, people, personalMessage, type TeamsUser } from './teams-activities';

// biome-ignore lint/suspicious/noExplicitAny: cards are free-form JSON
type Card = any;
type Button = { title: string; verb: string; data: Record<string, unknown> };

let h: AppHarness;
let syncAnswer: Card;

beforeAll(async () => {
  h = await startAppHarness({ workingCardAfterMs: 10_000 });
  // Thirteen licensed users m365ops does not know: the first sync finds 13 unmanaged-user discrepancies.
  addUnmanagedUsers(h.app, 'listed');
  syncAnswer = await say(people.helpdesk, 'sync fabrikam');
}, 60_000);

afterAll(async () => {
  await h?.close();
});

async function say(user: TeamsUser, text: string, where: 'personal' | 'group' = 'personal'): Promise<Card> {
  const before = h.connector.recorded.length;
  const activity =
    where === 'personal'
      ? personalMessage(h.connector.serviceUrl, text, user)
      : groupChatMessage(h.connector.serviceUrl, text, user);
  expect((await h.post(activity)).status).toBe(200);
  const sent = h.connector.recorded.slice(before).filter((a) => a.body?.type === 'message' && a.status < 300);
  const card: Card = sent.at(-1)?.body.attachments?.[0]?.content;
  expect(validateAdaptiveCard(card)).toEqual([]);
  return card;
}

async function click(user: TeamsUser, button: Button): Promise<Card> {
  const response = await h.post(
    cardAction(personalMessage(h.connector.serviceUrl, '', user), button.verb, button.data),
  );
  expect(response.status).toBe(200);
  expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(validateAdaptiveCard(response.body.value)).toEqual([]);
  return response.body.value;
}

const decideButtons = (card: Card) => cardButtons(card).filter((b) => b.verb === 'decide');
const text = (card: Card) => JSON.stringify(card);

describe('discrepancies in Teams', () => {
  it('says after a sync that no channel is bound for the customer, and how to bind one', () => {
    expect(text(syncAnswer)).toContain('0 posted: no channel bound');
    expect(text(syncAnswer)).toContain('notify here fabrikam');
  });

  it('lists the first ten open ones of a customer with their buttons and a More button', async () => {
    const card = await say(people.helpdesk, 'discrepancies fabrikam');
    expect(text(card)).toContain('Open discrepancies of Fabrikam');
    expect(text(card)).toContain('13 open');
    expect(text(card)).toContain('page 1 of 2');
    expect(decideButtons(card)).toHaveLength(20);
    expect(cardButtons(card).find((b) => b.title === 'More')).toBeDefined();
  });

  it('shows the next page from More', async () => {
    const card = await say(people.helpdesk, 'discrepancies fabrikam');
    const more = cardButtons(card).find((b) => b.title === 'More')!;
    const next = await click(people.helpdesk, more);
    expect(text(next)).toContain('page 2 of 2');
    expect(decideButtons(next)).toHaveLength(6);
    expect(cardButtons(next).find((b) => b.title === 'More')).toBeUndefined();
  });

  it('answers in a group chat too, and without a customer lists every customer’s, naming each', async () => {
    const card = await say(people.helpdesk, 'discrepancies unmanaged-user', 'group');
    expect(text(card)).toContain('Open discrepancies of every customer (unmanaged-user)');
    expect(text(card)).toContain('Fabrikam Inc · Not managed by m365ops:');
    expect(text(card).length).toBeLessThan(28_000);
  });

  it('redraws the listing with the decided row’s outcome in place when a decision is clicked on it', async () => {
    const card = await say(people.approver, 'discrepancies fabrikam unmanaged-user');
    const rows = decideButtons(card);
    const approve = rows.find((b) => b.data.action === 'approve')!;
    const redrawn = await click(people.approver, approve);
    expect(text(redrawn)).toContain('Open discrepancies of Fabrikam');
    expect(text(redrawn)).toContain(`Approved by ${people.approver.name}`);
    expect(text(redrawn)).toContain('12 open');
    // The same rows in the same order; only the decided one lost its buttons.
    expect(decideButtons(redrawn)).toHaveLength(rows.length - 2);
    expect(decideButtons(redrawn)[0]!.data.discrepancyId).toBe(rows[2]!.data.discrepancyId);
    const decided = await h.app.runtime.store.discrepancies.get(approve.data.discrepancyId as string);
    expect(decided?.status).not.toBe('open');
  });

  it('asks first on the listing when a decision removes something, then redraws it once confirmed', async () => {
    const card = await say(people.approver, 'discrepancies fabrikam unmanaged-user');
    const revoke = decideButtons(card).find((b) => b.data.action === 'revoke')!;
    const question = await click(people.approver, revoke);
    expect(text(question)).toContain('Open discrepancies of Fabrikam');
    const confirm = cardButtons(question).find((b) => b.verb === 'decide' && b.data.confirmed === true)!;
    expect(confirm.data.listing).toEqual(revoke.data.listing);
    const redrawn = await click(people.approver, confirm);
    expect(text(redrawn)).toContain(`Revoked by ${people.approver.name}`);
    expect(text(redrawn)).toContain('Open discrepancies of Fabrikam');
  });

  it('pages with More past rows decided on the page before, skipping none never shown', async () => {
    const card = await say(people.approver, 'discrepancies fabrikam');
    const open = Number(/(\d+) open/.exec(text(card))?.[1]);
    expect(open).toBeGreaterThan(10);
    const firstPage = new Set(decideButtons(card).map((b) => b.data.discrepancyId));
    let redrawn: Card = card;
    for (const approve of decideButtons(card)
      .filter((b) => b.data.action === 'approve')
      .slice(0, 3)) {
      redrawn = await click(people.approver, approve);
    }
    expect(text(redrawn)).toContain(`${open - 3} open`);
    expect(cardButtons(redrawn).find((b) => b.title === 'More')).toBeDefined();
    const next = await click(people.helpdesk, cardButtons(card).find((b) => b.title === 'More')!);
    const rows = decideButtons(next).map((b) => b.data.discrepancyId);
    expect(rows).toHaveLength(2 * (open - 10));
    for (const id of rows) expect(firstPage.has(id)).toBe(false);
  });

  it('says so when nothing is open', async () => {
    const card = await say(people.helpdesk, 'discrepancies northwind');
    expect(text(card)).toContain('0 open');
    expect(text(card)).toContain('Nothing is open');
  });

  it('refuses an unknown kind, naming the kinds', async () => {
    const card = await say(people.helpdesk, 'discrepancies fabrikam admin-grant');
    expect(text(card)).toContain('is not a discrepancy kind');
    expect(text(card)).toContain('admin-granted');
  });

  it('refuses someone without a role, naming the helpdesk role', async () => {
    const card = await say(people.stranger, 'discrepancies fabrikam');
    expect(text(card)).toMatch(/helpdesk role/);
  });
});

describe('an admin role given outside m365ops to an account it does not manage (issue 12 item 7)', () => {
  const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
  const control = () => h.app.simulator!.control;
  let removed: { id: string };
  let kept: { id: string };

  beforeAll(async () => {
    // Unlicensed accounts: no unmanaged-user finding would ever name them.
    removed = control().addUser(contosoTenantId, { userPrincipalName: 'outside.admin@contoso.com', displayName: 'O' });
    kept = control().addUser(contosoTenantId, { userPrincipalName: 'kept.admin@contoso.com', displayName: 'K' });
    control().grantRole(contosoTenantId, removed.id, globalAdministratorTemplateId);
    control().grantRole(contosoTenantId, kept.id, globalAdministratorTemplateId);
    await say(people.helpdesk, 'sync contoso');
  }, 60_000);

  it('reports an unlicensed account given the admin role as admin-granted', async () => {
    const card = await say(people.helpdesk, 'discrepancies contoso admin-granted');
    expect(text(card)).toContain('Admin access given outside m365ops: outside.admin@contoso.com');
    expect(text(card)).toContain('Admin access given outside m365ops: kept.admin@contoso.com');
  });

  it('removes the role on "Remove admin…" once confirmed, shown in place on the listing', async () => {
    const card = await say(people.approver, 'discrepancies contoso admin-granted');
    const row = decideButtons(card).filter((b) => b.data.action === 'revoke');
    const revoke = row[buttonIndexOf(card, 'outside.admin@contoso.com')]!;
    const question = await click(people.approver, revoke);
    const confirm = cardButtons(question).find((b) => b.verb === 'decide' && b.data.confirmed === true)!;
    const redrawn = await click(people.approver, confirm);
    expect(text(redrawn)).toContain(`Revoked by ${people.approver.name}`);
    expect(control().listRoleMembers(contosoTenantId, globalAdministratorTemplateId)).not.toContain(removed.id);
  });

  it('does not report an accepted one again on the next sync', async () => {
    const card = await say(people.approver, 'discrepancies contoso admin-granted');
    const keep = decideButtons(card).filter((b) => b.data.action === 'approve')[0]!;
    await click(people.approver, keep);
    await say(people.helpdesk, 'sync contoso');
    const after = await say(people.helpdesk, 'discrepancies contoso admin-granted');
    expect(text(after)).not.toContain('kept.admin@contoso.com');
    expect(text(after)).not.toContain('outside.admin@contoso.com');
    expect(control().listRoleMembers(contosoTenantId, globalAdministratorTemplateId)).toContain(kept.id);
  });
});

/** The row (0-based) of the listing naming `upn`. */
function buttonIndexOf(card: Card, upn: string): number {
  const titles = (card.body as Card[])
    .filter((element) => element.type === 'Container')
    .map((container) => container.items[0].text as string);
  return titles.findIndex((title) => title.endsWith(upn));
}

describe('users and deleted users (issue 12 item 7)', () => {
  beforeAll(async () => {
    for (const [upn, status] of [
      ['live.one@northwind.com', 'active'],
      ['gone.one@northwind.com', 'deleted'],
    ] as const) {
      await h.app.runtime.store.serviceUsers.create({
        customerId: 'northwind',
        objectId: `object-${upn}`,
        upn,
        displayName: upn,
        planId: 'business-basic',
        admin: false,
        aliases: [],
        status,
        createdBy: 'cli:test',
      });
    }
  });

  it('neither lists nor counts a deleted user among the live ones', async () => {
    const card = await say(people.helpdesk, 'users northwind');
    expect(text(card)).toContain('live.one@northwind.com');
    expect(text(card)).not.toContain('gone.one@northwind.com');
    expect(text(card)).toContain('1 user');
  });

  it('lists the deleted users under users <customer> deleted', async () => {
    const card = await say(people.helpdesk, 'users northwind deleted');
    expect(text(card)).toContain('1 deleted user');
    expect(text(card)).toContain('gone.one@northwind.com');
    expect(text(card)).not.toContain('live.one@northwind.com');
  });
});

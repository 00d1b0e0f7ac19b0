/**
 * Approval requests over the Teams transport against the simulated tenants (design §9): helpdesk asks for 2h of
 * admin with a reason, the request card lands in the bound channel, an approver approves and the role is in the
 * tenant; never the requester; a denial changes nothing; an expired request cannot be approved; 20 concurrent
 * Approve clicks make one grant. The approved grant then warns before its end and is removed once (also through a Graph
 * outage at the end), the audit log shows all of it, and each bad input of issue 13 gets its sentence.
 */
import { formatWhen } from '../../../common/format-when';
import { createJobHandlers } from '../../../jobs/alias-job';
import { createJobRunner } from '../../../jobs/job-runner';
import { globalAdministratorTemplateId } from '../../../m365/tenant-roles';
import { cardButtons } from '../../cards/card-walk';
import { ManualClock } from '../../store/contract/harness';
import { validateAdaptiveCard } from '../../support/validate-adaptive-card';
import { type AppHarness, startAppHarness } from './app-harness';
import {
  cardAction,
  channelId,
  channelMessage,
  people,
  personalConversationId,
  personalMessage,
  type TeamsUser,
  teamsTenantId,
} from './teams-activities';

const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
// biome-ignore lint/suspicious/noExplicitAny: cards are free-form JSON
type Card = any;

let h: AppHarness;
const clock = new ManualClock(new Date());

beforeAll(async () => {
  h = await startAppHarness({ workingCardAfterMs: 60_000, clock });
  await say(people.admin, 'notify here contoso', 'channel');
  for (const name of ['req.one', 'req.two', 'req.three', 'req.four', 'req.five', 'req.six', 'req.seven', 'req.eight']) {
    await say(people.helpdesk, `add user ${name}@contoso.com plan business-basic location GB`);
  }
});

afterAll(async () => {
  await h?.close();
});

const sim = () => h.app.simulator!.control;
const admins = () => sim().listRoleMembers(contosoTenantId, globalAdministratorTemplateId);
const objectIdOf = (upn: string) => sim().getUser(contosoTenantId, upn)!.id;

async function say(user: TeamsUser, text: string, where: 'personal' | 'channel' = 'personal'): Promise<string> {
  const before = h.connector.recorded.length;
  const activity =
    where === 'personal'
      ? personalMessage(h.connector.serviceUrl, text, user)
      : channelMessage(h.connector.serviceUrl, text, user);
  expect((await h.post(activity)).status).toBe(200);
  return JSON.stringify(h.connector.recorded.slice(before).map((sent) => sent.body));
}

/** Clicks a button of a card in the channel; answers what replaced the clicker's card. */
async function click(user: TeamsUser, action: { verb: string; data: Record<string, unknown> }): Promise<string> {
  const response = await h.post(cardAction(channelMessage(h.connector.serviceUrl, '', user), action.verb, action.data));
  expect(response.status).toBe(200);
  return JSON.stringify(response.body);
}

/** Asks for admin as helpdesk; answers the request id and the card posted in the channel. */
async function ask(
  upn: string,
  where: 'personal' | 'channel' = 'personal',
): Promise<{ id: string; card: Card; activityId: string }> {
  const before = h.connector.recorded.length;
  const answer = await say(
    people.helpdesk,
    `grant admin ${upn} for 2h reason "Mailbox migration" ticket INC-1234`,
    where,
  );
  const id = /Request ([A-Z2-9]{6}) is waiting/.exec(answer)?.[1];
  expect(id).toBeDefined();
  const posted = h.connector
    .messages(channelId)
    .filter((sent) => h.connector.recorded.indexOf(sent) >= before)
    .find((sent) => JSON.stringify(sent.body).includes(`Request ${id}`));
  expect(posted).toBeDefined();
  return { id: id!, card: posted!.body.attachments[0].content, activityId: posted!.newActivityId! };
}

const minute = 60_000;
const hour = 60 * minute;
const runJobs = () =>
  createJobRunner({
    store: h.app.store,
    logger: h.app.logger,
    clock,
    owner: 'test',
    handlers: createJobHandlers(h.app.runtime, 'test'),
    random: () => 0,
  }).runDue();
const roleRemovals = () =>
  Object.entries(sim().requestCounts())
    .filter(([route]) => route.startsWith('DELETE') && route.includes('roleAssignments'))
    .reduce((sum, [, count]) => sum + count, 0);
/** The messages posted to a conversation since `from` (an index into what the connector recorded). */
const postedSince = (conversationId: string, from: number) =>
  h.connector
    .messages(conversationId)
    .filter((sent) => h.connector.recorded.indexOf(sent) >= from)
    .map((sent) => JSON.stringify(sent.body));

const approve = (card: Card) => cardButtons(card).find((button) => button.title === 'Approve')!;
const deny = (card: Card) => cardButtons(card).find((button) => button.title === 'Deny')!;
const channelCardNow = (activityId: string) => JSON.stringify(h.connector.current(channelId, activityId)?.body);
const grants = async () =>
  (await h.app.store.audit.list({ customerId: 'contoso' })).filter(
    (r) => r.action === 'grant-admin' && r.result === 'ok',
  );

describe('a helpdesk request for 2h of admin', () => {
  it('is posted to the channel with who asks, for whom, the role, how long, why and the ticket', async () => {
    const { id, card } = await ask('req.one@contoso.com');
    expect(validateAdaptiveCard(card)).toEqual([]);
    const text = JSON.stringify(card);
    for (const part of [
      'Hal Helpdesk',
      'req.one@contoso.com',
      'Global Administrator',
      '2h',
      'Mailbox migration',
      'INC-1234',
    ]) {
      expect(text).toContain(part);
    }
    expect(cardButtons(card).map((button) => button.title)).toEqual(['Approve', 'Deny']);
    expect(admins()).not.toContain(objectIdOf('req.one@contoso.com'));
    expect((await h.app.store.requests.get(id))?.state).toBe('open');
  });

  it('is refused without a duration, naming the limit, and nothing is asked', async () => {
    const open = (await h.app.store.requests.listOpen()).length;
    const answer = await say(people.helpdesk, 'grant admin req.two@contoso.com');
    expect(answer).toContain('need a duration');
    expect(answer).toContain('up to 8h for Contoso');
    expect(await h.app.store.requests.listOpen()).toHaveLength(open);
  });

  it('is approved by an approver: the role is in the tenant, the card shows who decided, for everyone', async () => {
    const { id, card, activityId } = await ask('req.two@contoso.com');
    const before = (await grants()).length;
    expect(await click(people.helpdesk, approve(card))).toMatch(/approver role/);
    expect(admins()).not.toContain(objectIdOf('req.two@contoso.com'));

    const answer = await click(people.approver, approve(card));
    expect(answer).toContain('Approved by Ben Approver');
    expect(admins()).toContain(objectIdOf('req.two@contoso.com'));
    expect(channelCardNow(activityId)).toContain('Approved by Ben Approver');
    expect(cardButtons(JSON.parse(channelCardNow(activityId)))).toEqual([]);

    const later = await click(people.approver, approve(card));
    expect(later).toContain('decided already');
    expect((await grants()).length).toBe(before + 1);
    const grant = (await grants())[0]!;
    expect(grant.details?.onBehalfOf).toMatchObject({ requestId: id, reason: 'Mailbox migration', ticket: 'INC-1234' });
    const decision = (await h.app.store.audit.list({ customerId: 'contoso' })).find(
      (r) => r.action === 'approve-request',
    );
    expect(decision?.details).toMatchObject({ requestId: id, requester: `teams:${people.helpdesk.aadObjectId}` });
  });

  it('cannot be approved by the person who asked for it, even once they are an approver', async () => {
    const { id, card } = await ask('req.three@contoso.com');
    await say(people.admin, `access approver add teams:${people.helpdesk.aadObjectId}`);
    try {
      const answer = await click(people.helpdesk, approve(card));
      expect(answer).toContain(`You asked for Request ${id} yourself`);
      expect(admins()).not.toContain(objectIdOf('req.three@contoso.com'));
      expect((await h.app.store.requests.get(id))?.state).toBe('open');
    } finally {
      await say(people.admin, `access approver remove teams:${people.helpdesk.aadObjectId}`);
    }
  });

  it('denied with a comment, changes nothing and says who denied it and why', async () => {
    const { id, activityId } = await ask('req.four@contoso.com');
    const card = JSON.parse(channelCardNow(activityId)).attachments[0].content;
    const button = deny(card);
    const answer = await click(people.approver, {
      verb: button.verb,
      // Teams merges the card's inputs into the button's data: the Deny comment input is the request's own.
      data: { ...button.data, [`comment-${id}`]: 'Use the break-glass account' },
    });
    expect(answer).toContain('Denied by Ben Approver');
    expect(answer).toContain('Use the break-glass account');
    expect(admins()).not.toContain(objectIdOf('req.four@contoso.com'));
    expect((await h.app.store.requests.get(id))?.state).toBe('denied');
    expect(await click(people.approver, approve(card))).toContain('decided already');
    expect(admins()).not.toContain(objectIdOf('req.four@contoso.com'));
  });

  it('expires after REQUEST_TTL: the card says so without buttons, and it cannot be approved', async () => {
    const { id, card, activityId } = await ask('req.three@contoso.com');
    clock.advance(24 * 60 * 60 * 1000 + 1000);
    const runner = createJobRunner({
      store: h.app.store,
      logger: h.app.logger,
      clock,
      owner: 'test',
      handlers: createJobHandlers(h.app.runtime),
    });
    await runner.runDue();
    expect((await h.app.store.requests.get(id))?.state).toBe('expired');
    expect(channelCardNow(activityId)).toContain('Expired');
    expect(cardButtons(JSON.parse(channelCardNow(activityId)))).toEqual([]);
    const answer = await click(people.approver, approve(card));
    expect(answer).toContain(`Request ${id} cannot be approved`);
    expect(admins()).not.toContain(objectIdOf('req.three@contoso.com'));
  });

  it('makes one grant of 20 concurrent Approve clicks', async () => {
    await say(people.admin, 'revoke admin req.two@contoso.com customer contoso');
    const { id, card } = await ask('req.one@contoso.com');
    const before = (await grants()).length;
    const answers = await Promise.all(Array.from({ length: 20 }, () => click(people.approver, approve(card))));
    expect(answers.filter((answer) => answer.includes('decided already') || answer.includes('first')).length).toBe(19);
    expect((await grants()).length).toBe(before + 1);
    expect(admins()).toContain(objectIdOf('req.one@contoso.com'));
    expect((await h.app.store.requests.get(id))?.result).toBe('applied');
  });
});

describe('admin access granted through a request, time-boxed', () => {
  it('warns the requester privately and the channel 15 minutes before the end, then removes the role once', async () => {
    const { id, card } = await ask('req.five@contoso.com');
    clock.advance(3 * hour); // the clock starts at the grant, not at the request
    await click(people.approver, approve(card));
    const user = objectIdOf('req.five@contoso.com');
    expect(admins()).toContain(user);
    const grant = await h.app.store.adminGrants.findCurrent('contoso', user);
    expect(grant).toMatchObject({ requestId: id, reason: 'Mailbox migration', ticket: 'INC-1234' });
    expect(grant?.endsAt?.getTime()).toBe(clock.now().getTime() + 2 * hour);

    const beforeWarning = h.connector.recorded.length;
    clock.advance(2 * hour - 15 * minute);
    await runJobs();
    const warnings = [channelId, personalConversationId].map((conversation) =>
      postedSince(conversation, beforeWarning).find((body) => body.includes('req.five@contoso.com ends in 15 minutes')),
    );
    for (const warning of warnings) {
      expect(warning).toBeDefined();
      expect(cardButtons(JSON.parse(warning!)).map((button) => button.title)).toEqual(['Extend 1h', 'End now']);
      expect(warning).toContain('Ben Approver');
      expect(warning).toContain('Mailbox migration');
    }
    expect(admins()).toContain(user);

    sim().resetRequestCounts();
    const beforeEnd = h.connector.recorded.length;
    clock.advance(15 * minute);
    await runJobs();
    expect(admins()).not.toContain(user);
    expect(
      postedSince(channelId, beforeEnd).some((body) => body.includes('Admin access of req.five@contoso.com ended')),
    ).toBe(true);
    clock.advance(hour);
    await runJobs();
    expect(roleRemovals()).toBe(1);
    const expired = (await h.app.store.audit.list({ customerId: 'contoso' })).filter(
      (r) => r.action === 'admin-expired' && r.target === 'req.five@contoso.com',
    );
    expect(expired).toHaveLength(1);
    expect(expired[0]?.details).toMatchObject({ requestId: id, approver: `teams:${people.approver.aadObjectId}` });
  });

  it('warns a requester who asked in the channel in a 1:1 chat the bot opens (createConversation)', async () => {
    const { card } = await ask('req.eight@contoso.com', 'channel');
    await click(people.approver, approve(card));
    expect(admins()).toContain(objectIdOf('req.eight@contoso.com'));

    const beforeWarning = h.connector.recorded.length;
    clock.advance(2 * hour - 15 * minute);
    await runJobs();
    const created = h.connector.recorded
      .slice(beforeWarning)
      .find((sent) => sent.operation === 'create-conversation' && sent.status === 201);
    expect(created?.body).toMatchObject({
      isGroup: false,
      members: [{ id: people.helpdesk.id, aadObjectId: people.helpdesk.aadObjectId }],
      tenantId: teamsTenantId,
      channelData: { tenant: { id: teamsTenantId } },
    });
    const warned = (conversationId: string) =>
      postedSince(conversationId, beforeWarning).find((body) =>
        body.includes('req.eight@contoso.com ends in 15 minutes'),
      );
    const privately = warned(created!.conversationId);
    expect(privately).toBeDefined();
    expect(cardButtons(JSON.parse(privately!)).map((button) => button.title)).toEqual(['Extend 1h', 'End now']);
    expect(warned(channelId)).toBeDefined();
    clock.advance(15 * minute);
    await runJobs();
    expect(admins()).not.toContain(objectIdOf('req.eight@contoso.com'));
  });

  it('is in the audit log: the request, its decision, the grant and its expiry, with who asked, who approved, why, the ticket and when', async () => {
    const shown = await say(people.approver, 'audit contoso');
    const lines = JSON.parse(shown).flatMap((body: Card) => JSON.stringify(body).split('"value":"').slice(1));
    const about = (action: string) =>
      lines.find((line: string) => line.startsWith(`${action} ok`) && line.includes('req.five@contoso.com'));
    const helpdesk = `teams:${people.helpdesk.aadObjectId}`;
    const approver = `teams:${people.approver.aadObjectId}`;
    expect(about('request')).toContain(`by ${helpdesk}`);
    expect(about('approve-request')).toContain(`by ${approver}`);
    expect(about('approve-request')).toContain(`asked by ${helpdesk}`);
    expect(about('grant-admin')).toContain(`by ${approver}`);
    expect(about('admin-expired')).toContain(`approver ${approver}`);
    for (const action of ['request', 'approve-request', 'grant-admin', 'admin-expired']) {
      expect(about(action)).toContain('Mailbox migration');
      expect(about(action)).toContain('ticket INC-1234');
    }
    expect(about('grant-admin')).toContain('until');
    expect(about('admin-expired')).toContain('ended');
    const later = await say(
      people.approver,
      `audit contoso since ${new Date(clock.now().getTime() + 2 * 86_400_000).toISOString().slice(0, 10)}`,
    );
    expect(later).toContain('Nothing was recorded in that time.');
  });

  it('retries through a Graph outage at the end, tells the channel it is overdue, and removes once after recovery', async () => {
    const { card } = await ask('req.six@contoso.com');
    await click(people.approver, approve(card));
    const user = objectIdOf('req.six@contoso.com');
    expect(admins()).toContain(user);
    sim().setFaults({ throttleEvery: 1, retryAfterSeconds: 600 });
    try {
      clock.advance(2 * hour);
      await runJobs();
      expect(admins()).toContain(user);
      expect((await h.app.store.adminGrants.findCurrent('contoso', user))?.state).toBe('active');
      const beforeOverdue = h.connector.recorded.length;
      for (let i = 0; i < 8; i++) {
        clock.advance(16 * minute);
        await runJobs();
      }
      const overdue = postedSince(channelId, beforeOverdue).filter((body) =>
        body.includes('Expiry overdue: req.six@contoso.com still has admin access'),
      );
      expect(overdue).toHaveLength(1);
      expect(cardButtons(JSON.parse(overdue[0]!)).map((button) => button.title)).toEqual(['Revoke now']);
      expect((await h.app.store.adminGrants.findCurrent('contoso', user))?.state).toBe('overdue');
    } finally {
      sim().clearFaults();
    }
    sim().resetRequestCounts();
    clock.advance(2 * hour);
    await runJobs();
    clock.advance(2 * hour);
    await runJobs();
    expect(admins()).not.toContain(user);
    expect(roleRemovals()).toBe(1);
  });
});

describe('bad input to requests: a clear sentence, and nothing changes', () => {
  const openCount = async () => (await h.app.store.requests.listOpen()).length;

  it('names the accepted forms of an unknown duration', async () => {
    const open = await openCount();
    const answer = await say(people.helpdesk, 'grant admin req.seven@contoso.com for 4 hours reason "Migration"');
    expect(answer).toContain('30m, 4h or 2d');
    expect(await openCount()).toBe(open);
  });

  it('names the limit of a duration over it', async () => {
    const open = await openCount();
    const answer = await say(people.helpdesk, 'grant admin req.seven@contoso.com for 9h reason "Migration"');
    expect(answer).toContain('9h is longer than Contoso Ltd allows for admin access (8h)');
    expect(answer).toContain('Nothing was asked');
    expect(await openCount()).toBe(open);
  });

  it('refuses a reason over 500 characters, saying how long it was', async () => {
    const open = await openCount();
    const answer = await say(people.helpdesk, `grant admin req.seven@contoso.com for 2h reason "${'r'.repeat(501)}"`);
    expect(answer).toContain('The reason is 501 characters; keep it to 500.');
    expect(await openCount()).toBe(open);
  });

  it('says until when a user already holds the role', async () => {
    const { card } = await ask('req.seven@contoso.com');
    await click(people.approver, approve(card));
    const grant = await h.app.store.adminGrants.findCurrent('contoso', objectIdOf('req.seven@contoso.com'));
    const open = await openCount();
    const answer = await say(people.helpdesk, 'grant admin req.seven@contoso.com for 1h reason "Again"');
    expect(answer).toContain(
      `req.seven@contoso.com already holds Global Administrator in Contoso Ltd's tenant, until ${formatWhen(grant!.endsAt!)}. Nothing was asked.`,
    );
    expect(await openCount()).toBe(open);
  });

  it('refuses a cancel by someone other than the requester, naming who may', async () => {
    const { id } = await ask('req.four@contoso.com');
    const answer = await say(people.approver, `cancel request ${id}`);
    expect(answer).toContain(
      `Only Hal Helpdesk, who asked for Request ${id}, can cancel it; an approver can deny it instead.`,
    );
    expect((await h.app.store.requests.get(id))?.state).toBe('open');

    expect(await say(people.helpdesk, `cancel request ${id}`)).toContain('Cancelled by Hal Helpdesk');
    expect((await h.app.store.requests.get(id))?.state).toBe('cancelled');
  });

  it('refuses a decision on a cancelled request, and the role is not given', async () => {
    const { id, card } = await ask('req.four@contoso.com');
    await say(people.helpdesk, `cancel request ${id}`);
    const answer = await click(people.approver, approve(card));
    expect(answer).toContain(`Request ${id} cannot be approved: Cancelled by Hal Helpdesk`);
    expect(answer).toContain('Nothing was changed.');
    expect(await say(people.approver, `deny request ${id}`)).toContain(`Request ${id} cannot be denied`);
    expect(admins()).not.toContain(objectIdOf('req.four@contoso.com'));
    expect((await h.app.store.requests.get(id))?.state).toBe('cancelled');
  });
});

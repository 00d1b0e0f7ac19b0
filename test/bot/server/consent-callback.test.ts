/**
 * GET /consent/callback as an attacker holding a valid link would call it: the state is single-use, the tenant it
 * names is believed only once a token for it proves consent, a customer's known tenant is the only one it takes, a
 * customer without one waits for an m365ops admin to confirm, and a denial never undoes a verified grant. The
 * requester hears in the chat where they asked what came of it.
 */
import { call } from '../../sim/sim-requests';
import { channelId, people } from '../teams/teams-activities';
import { type ConsentHarness, slackChannel, startConsentHarness, teamsChannelPosts, tenants } from './consent-harness';

let h: ConsentHarness;

beforeEach(async () => {
  h = await startConsentHarness();
});

afterEach(async () => {
  await h.close();
});

/** Waits until the requester's Teams channel got a post (not an answer in a thread) containing `text`. */
async function toldInTeams(text: string): Promise<string> {
  const posted = await h.connector.waitFor(
    (activity) => activity.conversationId === channelId && JSON.stringify(activity.body).includes(text),
    10_000,
  );
  return JSON.stringify(posted.body);
}

describe('a customer that has a tenant', () => {
  it('is granted once a token for its tenant proves consent, and the same state is refused a second time', async () => {
    const link = await h.linkFromTeams('contoso');
    const query = await h.decideAtMicrosoft(link, 'accept', tenants.contoso);

    const first = await h.callback(query);
    expect(first.status).toBe(200);
    expect(first.text).toContain('access granted');
    expect((await h.customer('contoso')).consent).toMatchObject({
      status: 'granted',
      tenantId: tenants.contoso,
      verifiedAt: expect.any(Date),
    });

    const replay = await h.callback(query);
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('This consent link has been used already');
  });

  it('changes nothing when the callback names another tenant, and tells the requester', async () => {
    const link = await h.linkFromTeams('contoso');
    const before = await h.customer('contoso');
    const state = link.searchParams.get('state')!;

    const page = await h.callback({ admin_consent: 'True', tenant: tenants.fabrikam, state });

    expect(page.text).toContain('different Microsoft 365 organization');
    const after = await h.customer('contoso');
    expect(after.tenantId).toBe(tenants.contoso);
    expect(after.consent).toEqual(before.consent);
    expect(await toldInTeams('wrong tenant')).toContain(tenants.fabrikam);
  });

  it('keeps a verified grant when a later link comes back denied, or the used one is replayed with a denial', async () => {
    const granted = await h.linkFromTeams('contoso');
    const grantedQuery = await h.decideAtMicrosoft(granted, 'accept', tenants.contoso);
    await h.callback(grantedQuery);
    const verified = (await h.customer('contoso')).consent;

    const replayed = await h.callback({
      error: 'access_denied',
      error_subcode: 'cancel',
      state: grantedQuery.get('state')!,
    });
    expect(replayed.status).toBe(400);

    const later = await h.linkFromTeams('contoso');
    const denied = await h.callback(await h.decideAtMicrosoft(later, 'cancel', tenants.contoso));
    expect(denied.status).toBe(200);
    expect((await h.customer('contoso')).consent).toMatchObject({
      status: 'granted',
      tenantId: tenants.contoso,
      verifiedAt: verified.verifiedAt,
    });
    expect(await toldInTeams('declined')).toContain('still stands');
  });
});

describe('a customer without a tenant', () => {
  it('is bound only once an m365ops admin confirms the organisation the callback proved', async () => {
    const link = await h.linkFromTeams('northwind');
    const page = await h.callback(await h.decideAtMicrosoft(link, 'accept', tenants.northwind));

    expect(page.status).toBe(200);
    expect(page.text).toContain('Northwind Traders');
    expect(page.text).toContain('northwind.com, northwindtraders.onmicrosoft.com');
    const waiting = await h.customer('northwind');
    expect(waiting.tenantId).toBeUndefined();
    expect(waiting.consent).toMatchObject({ status: 'awaiting-confirmation', tenantId: tenants.northwind });
    expect(await toldInTeams('waiting for an m365ops admin')).toContain(
      `confirm consent northwind ${tenants.northwind}`,
    );

    expect(await h.sayInTeams(people.helpdesk, 'status northwind')).toContain('waiting for an admin to confirm');

    const byHelpdesk = await h.sayInTeams(people.helpdesk, `confirm consent northwind ${tenants.northwind}`);
    expect(byHelpdesk).toContain('admin role');
    expect((await h.customer('northwind')).tenantId).toBeUndefined();

    const byAdmin = await h.sayInTeams(people.admin, `confirm consent northwind ${tenants.northwind}`);
    expect(byAdmin).toContain('Northwind Traders');
    const bound = await h.customer('northwind');
    expect(bound.tenantId).toBe(tenants.northwind);
    expect(await h.sayInTeams(people.helpdesk, 'status northwind')).toContain('verified');
    expect(bound.consent).toMatchObject({
      status: 'granted',
      tenantId: tenants.northwind,
      verifiedAt: expect.any(Date),
    });
  });

  it('takes neither a tenant another customer has nor one that never consented', async () => {
    const first = await h.linkFromTeams('northwind');
    const taken = await h.callback({
      admin_consent: 'True',
      tenant: tenants.contoso,
      state: first.searchParams.get('state')!,
    });
    expect(taken.text).toContain('different Microsoft 365 organization');

    const second = await h.linkFromTeams('northwind');
    const unproven = await h.callback({
      admin_consent: 'True',
      tenant: tenants.northwind,
      state: second.searchParams.get('state')!,
    });
    expect(unproven.text).toContain('could not confirm');

    const customer = await h.customer('northwind');
    expect(customer.tenantId).toBeUndefined();
    expect(customer.consent.status).not.toBe('granted');
    expect(customer.consent.status).not.toBe('awaiting-confirmation');
  });
});

describe('the requester', () => {
  it('hears in the Teams channel where they asked that consent was granted and verified', async () => {
    const link = await h.linkFromTeams('contoso');
    await h.callback(await h.decideAtMicrosoft(link, 'accept', tenants.contoso));
    const told = await toldInTeams('granted and verified');
    expect(told).toContain('Contoso Ltd');
    expect(teamsChannelPosts(h.connector)).toHaveLength(1);
  });

  it('hears in the Slack channel where they asked that the administrator declined', async () => {
    const link = await h.linkFromSlack('northwind');
    await h.callback(await h.decideAtMicrosoft(link, 'cancel', tenants.northwind));
    const posted = await h.slack.waitFor(
      'chat.postMessage',
      (call) => JSON.stringify(call.args).includes('declined'),
      10_000,
    );
    expect(posted.args.channel).toBe(slackChannel);
    expect(JSON.stringify(posted.args)).toContain('Northwind Traders');
    expect((await h.customer('northwind')).consent.status).toBe('denied');
  });
});

describe('the link card', () => {
  /** The Teams card that carried the link: the activity the stand-in recorded, with the id it gave it. */
  function teamsLinkCard(link: URL) {
    const card = h.connector.recorded.find(
      (activity) => activity.operation !== 'update' && JSON.stringify(activity.body).includes(link.toString()),
    );
    if (!card?.newActivityId) throw new Error('No Teams card carried the link');
    return { conversationId: card.conversationId, activityId: card.newActivityId, body: card.body };
  }

  it('shows the link in Teams as text to copy, not only behind the button', async () => {
    const link = await h.linkFromTeams('northwind');
    const { body } = teamsLinkCard(link);
    const card = body.attachments[0].content;
    const runs = card.body
      .filter((element: { type: string }) => element.type === 'RichTextBlock')
      .flatMap((element: { inlines: { type: string; text: string }[] }) => element.inlines);
    expect(runs).toContainEqual(expect.objectContaining({ type: 'TextRun', text: link.toString() }));
  });

  it('is updated in place in Teams once the administrator consents, saying so', async () => {
    const link = await h.linkFromTeams('contoso');
    const { conversationId, activityId } = teamsLinkCard(link);
    await h.callback(await h.decideAtMicrosoft(link, 'accept', tenants.contoso));
    const updated = await h.connector.waitFor(
      (activity) => activity.operation === 'update' && activity.activityId === activityId,
      10_000,
    );
    expect(updated.conversationId).toBe(conversationId);
    const text = JSON.stringify(updated.body);
    expect(text).toContain('granted and verified');
    expect(text).toContain('the link is used up');
    expect(text).not.toContain('adminconsent');
  });

  it('is updated in place in Teams when the consent came from the wrong tenant', async () => {
    const link = await h.linkFromTeams('contoso');
    const { activityId } = teamsLinkCard(link);
    await h.callback({ admin_consent: 'True', tenant: tenants.fabrikam, state: link.searchParams.get('state')! });
    const updated = await h.connector.waitFor(
      (activity) => activity.operation === 'update' && activity.activityId === activityId,
      10_000,
    );
    expect(JSON.stringify(updated.body)).toContain('wrong tenant');
  });

  it('shows the link in Slack as plain text, and is updated in place (chat.update) when the administrator declines', async () => {
    const link = await h.linkFromSlack('northwind');
    const posted = h.slack
      .callsTo('chat.postMessage')
      .find((call) => JSON.stringify(call.args).includes('adminconsent'))!;
    expect(posted.args.channel).toBe(slackChannel);
    expect(posted.args.blocks).toContainEqual({
      type: 'section',
      text: { type: 'plain_text', text: link.toString(), emoji: false },
    });
    await h.callback(await h.decideAtMicrosoft(link, 'cancel', tenants.northwind));
    const updated = await h.slack.waitFor('chat.update', () => true, 10_000);
    expect(updated.args.channel).toBe(slackChannel);
    expect(updated.args.ts).toBe(posted.answer?.ts);
    expect(JSON.stringify(updated.args)).toContain('declined');
    expect(JSON.stringify(updated.args)).not.toContain('adminconsent');
  });

  it('still reaches Slack through the response_url where the bot may not post, and the requester is still told', async () => {
    h.slack.failNext('chat.postMessage', { error: 'not_in_channel' });
    const link = await h.linkFromSlack('northwind');
    const answered = h.slack.callsTo('response_url').find((call) => JSON.stringify(call.args).includes('adminconsent'));
    expect(answered?.args.blocks).toContainEqual({
      type: 'section',
      text: { type: 'plain_text', text: link.toString(), emoji: false },
    });
    await h.callback(await h.decideAtMicrosoft(link, 'cancel', tenants.northwind));
    await h.slack.waitFor('chat.postMessage', (call) => JSON.stringify(call.args).includes('declined'), 10_000);
    expect(h.slack.callsTo('chat.update')).toHaveLength(0);
  });
});

describe("the simulator's consent page", () => {
  it('preselects the tenant a link from Teams was made for', async () => {
    const link = await h.linkFromTeams('northwind');
    const page = await call(h.app.simulator!, 'GET', link.toString());
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<option value="${tenants.northwind}" selected>`);
    expect(page.text.match(/ selected>/g)).toHaveLength(1);
  });
});

describe('status', () => {
  it('says never asked, then link sent, then denied, each with when, in Teams and Slack', async () => {
    expect(await h.sayInTeams(people.helpdesk, 'status northwind')).toContain('never asked');
    const link = await h.linkFromTeams('northwind');
    const sent = await h.sayInSlack('status northwind');
    expect(sent).toMatch(/link sent \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    await h.callback(await h.decideAtMicrosoft(link, 'cancel', tenants.northwind));
    expect(await h.sayInTeams(people.helpdesk, 'status northwind')).toMatch(/denied \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    expect(await h.sayInSlack('status northwind')).toMatch(/denied \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  });

  it('says granted, unverified for a configured tenant, and verified with when once a sync acquired a token', async () => {
    const before = await h.sayInTeams(people.helpdesk, 'status contoso');
    expect(before).toContain('granted, unverified');
    await h.sayInTeams(people.helpdesk, 'sync contoso');
    const after = await h.sayInTeams(people.helpdesk, 'status contoso');
    expect(after).toMatch(/verified \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    expect(after).not.toContain('unverified');
    expect(await h.sayInSlack('status contoso')).toMatch(/verified \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  });
});

/**
 * Every command as seen in Teams, through the real handlers, store and simulated tenants: the cards each answer
 * brings, the forms and their errors, role refusals, private passwords, and channel notifications.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { cardButtons } from '../../cards/card-walk';
import { validateAdaptiveCard } from '../../support/validate-adaptive-card';
import type { AppHarness } from './app-harness';
import {
  cardAction,
  channelId,
  channelMessage,
  people,
  personalMessage,
  type TeamsActivity,
  type TeamsUser,
} from './teams-activities';

const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
const simulatorReady = existsSync(path.join(__dirname, '..', '..', '..', 'sim', 'index.ts'));
const describeWithSimulator = simulatorReady ? describe : describe.skip;
if (!simulatorReady) console.warn('Skipping the Teams end-to-end tests: sim/index.ts has not landed yet.');

// biome-ignore lint/suspicious/noExplicitAny: cards are free-form JSON
type Card = any;

let h: AppHarness;

beforeAll(async () => {
  if (!simulatorReady) return;
  // Loaded only once the simulator exists: createApp imports it.
  const { startAppHarness } = await import('./app-harness');
  h = await startAppHarness({ workingCardAfterMs: 10_000 });
});

afterAll(async () => {
  await h?.close();
});

type Where = 'personal' | 'channel';

function message(user: TeamsUser, text: string, where: Where): TeamsActivity {
  return where === 'personal'
    ? personalMessage(h.connector.serviceUrl, text, user)
    : channelMessage(h.connector.serviceUrl, text, user);
}

/** Sends a message and returns the cards the bot posted in answer. */
async function say(user: TeamsUser, text: string, where: Where = 'personal') {
  const before = h.connector.recorded.length;
  const response = await h.post(message(user, text, where));
  expect(response.status).toBe(200);
  const sent = h.connector.recorded.slice(before).filter((a) => a.body?.type === 'message' && a.status < 300);
  const cards: Card[] = sent.map((a) => a.body.attachments?.[0]?.content);
  for (const card of cards) expect(validateAdaptiveCard(card)).toEqual([]);
  return { sent, cards, text: JSON.stringify(cards) };
}

/** Clicks an Action.Execute button and returns the card that replaces the clicked one. */
async function click(user: TeamsUser, verb: string, data: Record<string, unknown>, where: Where = 'personal') {
  const before = h.connector.recorded.length;
  const response = await h.post(cardAction(message(user, '', where), verb, data));
  expect(response.status).toBe(200);
  expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
  const card: Card = response.body.value;
  expect(validateAdaptiveCard(card)).toEqual([]);
  return { card, text: JSON.stringify(card), sent: h.connector.recorded.slice(before) };
}

function tenantUser(upn: string) {
  return h.app.simulator!.control.getUser(contosoTenantId, upn);
}

describeWithSimulator('Teams end to end', () => {
  describe('help and read-only views', () => {
    it('answers help with a card listing the commands and examples', async () => {
      const { text } = await say(people.helpdesk, 'help');
      expect(text).toContain('add user');
      expect(text).toContain('consent link');
    });

    it('lists a customer’s users', async () => {
      const { text } = await say(people.helpdesk, 'users contoso');
      expect(text).toContain('Contoso');
    });

    it('shows the status of every customer', async () => {
      const { text } = await say(people.helpdesk, 'status');
      expect(text).toContain('Fabrikam');
    });

    it('lists the plans of a customer', async () => {
      const { text } = await say(people.helpdesk, 'plans contoso');
      expect(text).toContain('Business Premium');
    });
  });

  describe('roles', () => {
    it('refuses anyone without a role and names the role needed', async () => {
      const { text } = await say(people.stranger, 'users contoso');
      expect(text).toMatch(/helpdesk role/);
    });

    it('makes grant admin by helpdesk a request, which needs a duration', async () => {
      const { text } = await say(people.helpdesk, 'grant admin adele@contoso.com');
      expect(text).toMatch(/Requests for admin access need a duration/);
    });

    it('refuses configuration to helpdesk, naming the admin role', async () => {
      const { text } = await say(people.helpdesk, 'customer add acme "Acme Corp"');
      expect(text).toMatch(/admin role/);
    });
  });

  describe('the add-user form', () => {
    it('opens with the customer’s domains and plans as choices', async () => {
      const { text } = await say(people.helpdesk, 'add user customer contoso');
      expect(text).toContain('contoso.com');
      expect(text).toContain('business-premium');
    });

    it('comes back with errors next to the inputs and the values kept when a required field is empty', async () => {
      const { text } = await click(people.helpdesk, 'submit-form', {
        form: 'add-user',
        customerId: 'contoso',
        givenName: 'Keeps',
        surname: 'Values',
        domain: 'contoso.com',
        planId: 'business-premium',
      });
      expect(text).toContain('Keeps');
      expect(text).toContain('Enter the user name');
      expect(tenantUser('keeps@contoso.com')).toBeNull();
    });

    it('adds the user from a channel, with the password only in a private chat', async () => {
      const { text, sent } = await click(
        people.helpdesk,
        'submit-form',
        {
          form: 'add-user',
          customerId: 'contoso',
          givenName: 'Formy',
          surname: 'McForm',
          userName: 'formy',
          domain: 'contoso.com',
          planId: 'business-premium',
          usageLocation: 'GB',
          admin: 'false',
        },
        'channel',
      );
      expect(text).toContain('formy@contoso.com');
      expect(text).toContain('I sent the temporary password to you in a private chat');
      const created = sent.find((a) => a.operation === 'create-conversation');
      expect(created).toBeDefined();
      const privateCard = h.connector.messages(created!.conversationId)[0]!.body.attachments[0].content;
      expect(validateAdaptiveCard(privateCard)).toEqual([]);
      const channelBodies = JSON.stringify(
        h.connector.messages().filter((m) => m.conversationId.startsWith(channelId)),
      );
      const password = JSON.stringify(privateCard).match(/"text":"([^"]{8,})","fontType"/)?.[1];
      expect(password).toBeDefined();
      expect(channelBodies).not.toContain(password!);
      expect(tenantUser('formy@contoso.com')).not.toBeNull();
    });
  });

  describe('provisioning commands', () => {
    it('adds a user directly and shows the password in the personal chat as its own card', async () => {
      const { cards } = await say(
        people.helpdesk,
        'add user bob.direct@contoso.com plan business-premium name "Bob Direct"',
      );
      expect(cards).toHaveLength(2);
      expect(JSON.stringify(cards[0])).toContain('bob.direct@contoso.com');
      expect(JSON.stringify(cards[1])).toMatch(/Temporary password/);
      expect(tenantUser('bob.direct@contoso.com')).not.toBeNull();
    });

    it('suggests the plan meant when a plan name is misspelt', async () => {
      const { text } = await say(people.helpdesk, 'add user x@contoso.com plan business-premum');
      expect(text).toContain('business-premium');
      expect(tenantUser('x@contoso.com')).toBeNull();
    });

    it('opens the change-plan form without arguments', async () => {
      const { text } = await say(people.helpdesk, 'change plan customer contoso');
      expect(text).toContain('planId');
    });

    it('changes a user’s plan', async () => {
      const { text } = await say(people.helpdesk, 'change plan bob.direct@contoso.com business-basic');
      expect(text).toContain('bob.direct@contoso.com');
      expect(text).not.toMatch(/"color":"Attention"/);
    });

    it('asks for confirmation before revoking admin and acts on the confirm button', async () => {
      // Granting asks first too: the approver confirms it.
      const granting = await say(people.approver, 'grant admin bob.direct@contoso.com');
      const grant = cardButtons(granting.cards[0]).find((a) => a.title !== 'Cancel')!;
      await click(people.approver, grant.verb, grant.data);
      const { cards } = await say(people.helpdesk, 'revoke admin bob.direct@contoso.com');
      const confirm = cardButtons(cards[0]).find((a) => a.title !== 'Cancel')!;
      const { text } = await click(people.helpdesk, confirm.verb, confirm.data);
      expect(text).toContain('bob.direct@contoso.com');
      expect(text).not.toMatch(/"color":"Attention"/);
    });

    it('cancels a confirmation without changing anything', async () => {
      const { text } = await click(people.helpdesk, 'cancel', {});
      expect(text).toContain('Cancelled');
    });

    it('removes a user after confirmation', async () => {
      const { cards } = await say(people.helpdesk, 'remove user bob.direct@contoso.com');
      const confirm = cardButtons(cards[0]).find((a) => a.title !== 'Cancel')!;
      const { text } = await click(people.helpdesk, confirm.verb, confirm.data);
      expect(text).toContain('bob.direct@contoso.com');
      expect(tenantUser('bob.direct@contoso.com')?.accountEnabled).toBe(false);
    });
  });

  describe('password reset', () => {
    it('asks in the channel, then sends the new password to a private chat only', async () => {
      const upn = 'rita.reset@contoso.com';
      await say(people.helpdesk, `add user ${upn} plan business-basic location GB`);
      const { cards, text: asked } = await say(people.helpdesk, `reset password ${upn}`, 'channel');
      expect(asked).toContain(`Reset the password of ${upn}?`);
      const confirm = cardButtons(cards[0]).find((a) => a.title === 'Reset password')!;
      const { text, sent } = await click(people.helpdesk, confirm.verb, confirm.data, 'channel');
      expect(text).toContain(`Reset the password of ${upn}`);
      expect(text).toContain('I sent the temporary password to you in a private chat');
      const created = sent.find((a) => a.operation === 'create-conversation');
      const privateCard = h.connector.messages(created!.conversationId).at(-1)!.body.attachments[0].content;
      expect(JSON.stringify(privateCard)).toContain(`Temporary password for ${upn}`);
      const password = JSON.stringify(privateCard).match(/"text":"([^"]{8,})","fontType"/)?.[1];
      expect(password).toBeDefined();
      const channelBodies = JSON.stringify(
        h.connector.messages().filter((m) => m.conversationId.startsWith(channelId)),
      );
      expect(channelBodies).not.toContain(password!);
      expect(text).not.toContain(password!);
    });
  });

  describe('consent', () => {
    it('makes an admin-consent link for a customer', async () => {
      const { text } = await say(people.helpdesk, 'consent link northwind');
      expect(text).toContain('Action.OpenUrl');
      expect(text).toMatch(/adminconsent/i);
    });

    it('says consent is not proven for a customer that never consented', async () => {
      const { text } = await say(people.helpdesk, 'verify consent northwind');
      expect(text).toMatch(/consent/i);
      expect(text).toMatch(/"color":"Attention"/);
    });
  });

  describe('configuration by an admin', () => {
    it('adds a customer, enables a plan with a limit, adds a plan, grants access and sets a policy', async () => {
      for (const command of [
        'customer add acme "Acme Corp"',
        'plan add e3 "Office 365 E3" skus ENTERPRISEPACK',
        'customer acme plan e3 limit 5',
        `access helpdesk add teams:${people.stranger.aadObjectId}`,
        'policy acme auto upn-changed',
      ]) {
        const { text } = await say(people.admin, command);
        expect(text).not.toMatch(/"color":"Attention"/);
      }
      const { text } = await say(people.stranger, 'plans acme');
      expect(text).toContain('Office 365 E3');
    });
  });

  describe('channel notifications', () => {
    it('binds a channel with notify here and posts the customer’s notifications into it', async () => {
      const { text } = await say(people.admin, 'notify here fabrikam', 'channel');
      expect(text).toContain('Helpdesk');
      const ref = await h.app.runtime.notifier!.post('fabrikam', { kind: 'text', text: 'A notification for Fabrikam' });
      const posted = h.connector
        .messages(channelId)
        .find((m) => JSON.stringify(m.body).includes('A notification for Fabrikam'));
      expect(posted).toBeDefined();
      await h.app.runtime.notifier!.update(ref, { kind: 'text', text: 'Updated for everyone' });
      const update = h.connector.recorded.find(
        (a) => a.operation === 'update' && a.activityId === posted!.newActivityId,
      );
      expect(JSON.stringify(update!.body)).toContain('Updated for everyone');
    });
  });

  describe('sync and decisions', () => {
    it('runs a sync and posts each discrepancy into the bound channel as a card with Approve and Revoke', async () => {
      const { text } = await say(people.helpdesk, 'sync fabrikam', 'channel');
      expect(text).toMatch(/Fabrikam/);
      const posted = discrepancyCards();
      expect(posted.length).toBeGreaterThan(0);
      for (const { card } of posted) expect(validateAdaptiveCard(card)).toEqual([]);
    });

    it('refuses a decision to helpdesk, naming the approver role, and leaves the clicked card as it was', async () => {
      const [first] = discrepancyCards();
      const decide = cardButtons(first!.card).find((a) => a.verb === 'decide')!;
      const response = await h.post(cardAction(message(people.helpdesk, '', 'channel'), decide.verb, decide.data));
      expect(response.status).toBe(200);
      expect(response.body.type).toBe('application/vnd.microsoft.activity.message');
      expect(response.body.value).toMatch(/approver role/);
    });

    it('replaces the clicked card with who decided what and when, and updates the channel card for everyone', async () => {
      const [first] = discrepancyCards();
      const approve = cardButtons(first!.card).find((a) => a.verb === 'decide' && a.data.action === 'approve')!;
      const { card, text } = await click(people.approver, approve.verb, approve.data, 'channel');
      expect(text).toContain(people.approver.name);
      expect(cardButtons(card).filter((a) => a.verb === 'decide')).toEqual([]);
      const update = await h.connector.waitFor((a) => a.operation === 'update' && a.activityId === first!.activityId);
      expect(JSON.stringify(update.body)).toContain(people.approver.name);
      expect(cardButtons(update.body.attachments[0].content).filter((a) => a.verb === 'decide')).toEqual([]);
    });

    it('tells a second clicker who already decided', async () => {
      const [first] = discrepancyCards();
      const revoke = cardButtons(first!.card).find((a) => a.verb === 'decide' && a.data.action === 'revoke')!;
      const { text } = await click(people.admin, revoke.verb, revoke.data, 'channel');
      expect(text).toContain(people.approver.name);
    });

    it('shows a second clicker the discrepancy card as decided instead of only a sentence, with no buttons', async () => {
      const [first] = discrepancyCards();
      const heading = first!.card.body[0].text as string;
      const revoke = cardButtons(first!.card).find((a) => a.verb === 'decide' && a.data.action === 'revoke')!;
      const { card } = await click(people.admin, revoke.verb, revoke.data, 'channel');
      const texts = JSON.stringify(card);
      expect(card.body[0].items[0].text).toMatch(new RegExp(`${people.approver.name} already approved this at`));
      expect(texts).toContain(heading);
      expect(texts).toContain(`Approved by ${people.approver.name}`);
      expect(cardButtons(card)).toEqual([]);
    });
  });
});

/** Discrepancy cards the sync posted into the channel (not thread replies), oldest first. */
function discrepancyCards(): { activityId: string; card: Card }[] {
  return h.connector
    .messages(channelId)
    .map((m) => ({ activityId: m.newActivityId!, card: m.body.attachments?.[0]?.content }))
    .filter(({ card }) => cardButtons(card).some((a) => a.verb === 'decide'));
}

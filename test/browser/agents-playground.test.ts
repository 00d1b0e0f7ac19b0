/**
 * A helpdesk person's day in Microsoft 365 Agents Playground (Microsoft's local Teams client: Adaptive Cards
 * rendered as Teams does, Markdown on), in Debian Chromium, against the whole m365ops with its simulated tenants.
 * One personal chat, step after step: `help`, the add-user form, a confirmation, a preview, discrepancies decided in
 * the chat `notify here` bound. Screenshots: test-output/playground-*.png. The file takes 20-45 s.
 *
 * Driving the playground (0.2.28):
 * - `agentsplayground -e <app>/api/messages -c msteams -p <port>` serves its page, a websocket and its own Bot
 *   Connector (`/_connector`) on that one port, on every interface; `Listening on <port>` ~1 s after spawn, then the
 *   page needs 5-10 s before its compose box shows. Opening the page sends installationUpdate and
 *   conversationUpdate for a personal chat (a new conversation id per start).
 * - Its activities carry `serviceUrl: http://localhost:<port>/_connector`, itself (`--service-url` changes it; we
 *   pin 127.0.0.1). m365ops answers and posts proactively there, so DEV_CONNECTOR_URL is that URL.
 * - The user is Alex Wilber, aadObjectId 00000000-0000-0000-0000-0000000000020 (sic), made an admin here.
 * - Compose box: the Lexical editor `[data-lexical-editor]`, sent with Enter. Each bot card is an
 *   `.ac-adaptiveCard`; inputs are named by their labels; a compact Input.ChoiceSet is a combobox with
 *   `role=option` choices, one without choices a plain text box; our forms leave every check to the server. Card
 *   actions go as `adaptiveCard/action` invokes; returned and updated cards replace the old ones in place.
 * - Offline: `--disable-telemetry` stops its events, but its Application Insights SDK still probes 169.254.169.254,
 *   looks up westus-0.in.applicationinsights.azure.com and would send exception reports, so agents-playground.ts
 *   turns the SDK off by its own settings. The page asks res-1.cdn.office.net for fonts: requests off loopback
 *   are aborted and listed by the last step. Checked with strace: nothing leaves loopback, not even DNS.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { chromiumPath, hasChromium, launchChromium } from '../support/offline-chromium';
import type { PlaygroundApp } from './playground-app';

const describeWithChromium = hasChromium ? describe : describe.skip;
if (!hasChromium) {
  console.warn(`Skipping the Agents Playground browser test: ${chromiumPath} is missing (apt-get install chromium).`);
}

const outputDir = path.join(__dirname, '..', '..', 'test-output');
const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';
const newUpn = 'play.ground@contoso.com';
const loopback = /^(https?|wss?):\/\/(127\.0\.0\.1|localhost)(:\d+)?\//;

describeWithChromium('Microsoft 365 Agents Playground in Chromium', () => {
  let env: PlaygroundApp;
  let browser: Browser;
  let page: Page;
  const blocked: string[] = [];

  beforeAll(async () => {
    const { startPlaygroundApp } = await import('./playground-app');
    env = await startPlaygroundApp();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1000, height: 2200 } });
    await context.route(
      (url) => !loopback.test(url.href),
      (route) => {
        blocked.push(route.request().url());
        return route.abort();
      },
    );
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    // The Playground is a large bundle: on a busy 2-core machine its first load takes well over 15 s.
    await page.goto(env.playground.url, { timeout: 90_000 });
    await composeBox().waitFor({ timeout: 30_000 });
    mkdirSync(outputDir, { recursive: true });
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  const composeBox = () => page.locator('[data-lexical-editor="true"]');
  const card = (text: string | RegExp) => page.locator('.ac-adaptiveCard').filter({ hasText: text });
  const screenshot = (what: Locator, name: string) =>
    what.screenshot({ path: path.join(outputDir, `playground-${name}.png`) });

  // What a person sees (rendered text, hidden parts left out); Playwright's innerText, not the DOM property.
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point
  const seen = (what: Locator) => what.innerText();

  async function say(text: string): Promise<void> {
    await composeBox().click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }

  it('welcomes the person when the page installs the bot, with its first commands as buttons', async () => {
    // Opening the page sends installationUpdate and conversationUpdate: one welcome per conversation.
    const welcome = card('Hello, I am m365ops').first();
    await welcome.waitFor();
    expect(await seen(welcome)).toContain('what changed in their tenants outside m365ops');
    for (const name of ['help', 'status', 'add user']) {
      expect(await welcome.getByRole('button', { name, exact: true }).count()).toBe(1);
    }
    await screenshot(welcome, 'welcome');
  }, 30_000);

  it('answers help with the commands, their descriptions and examples', async () => {
    await say('help');
    const help = card('What m365ops can do');
    await help.waitFor();
    const text = await seen(help);
    for (const line of [
      'Helpdesk',
      'Approvers',
      'Admins',
      'Opens the add-user form',
      'Example: add user jane@contoso.com plan business-premium',
      // Usage and descriptions are plain text runs: Teams' Markdown would swallow every <placeholder>.
      'revoke admin <upn>\nRemoves the admin role from the user (asks for confirmation).',
      'sync [<customer>]',
      'customer add <id> "<name>" [tenant <tenantId>]',
      'identities are teams:<aadObjectId>, slack:<team_id>:<user_id> or cli:<user>.',
    ]) {
      expect(text).toContain(line);
    }
    await screenshot(help, 'help');
  }, 30_000);

  it('adds a user through the form and shows the result card, the password privately after it', async () => {
    await say('add user');
    const form = card('Add a user');
    await form.waitFor();
    // Submitted with three mistakes: the server checks every field and the card comes back with each error under
    // its input, the values kept (the domains and plans wait for the customer).
    await form.getByLabel('Usage location').fill('Atlantis');
    await form.getByRole('button', { name: 'Add user' }).click();
    for (const message of [
      'Choose the customer the user belongs to.',
      'Enter the user name, the part of the address before @.',
      '"Atlantis" is not a country code; use two letters such as GB, US, DE.',
    ]) {
      await form.getByText(message).waitFor();
    }
    // Drawn again as Teams' combobox (its chevron carries the same label), the value kept.
    expect(await form.getByRole('combobox', { name: 'Usage location' }).inputValue()).toBe('Atlantis');
    await screenshot(form, 'add-user-form-errors');

    // Choosing the customer draws the form again (an Action.Execute answered with the new card): Contoso's domains
    // and plans, with their free licences, become choices.
    await form.getByRole('combobox', { name: 'Customer' }).click();
    await page.getByRole('option', { name: 'Contoso Ltd' }).click();
    await form.getByRole('button', { name: 'Show this customer’s domains and plans' }).click();
    await card('Add a user at Contoso Ltd').waitFor();
    await form.getByLabel('First name').fill('Play');
    await form.getByLabel('Last name').fill('Ground');
    await form.getByLabel('User name (the part before @)').fill('play.ground');
    await form.getByRole('combobox', { name: 'Domain' }).click();
    await page.getByRole('option', { name: 'contoso.com', exact: true }).click();
    await form.getByRole('combobox', { name: 'Plan' }).click();
    await page.getByRole('option', { name: /^Microsoft 365 Business Premium — \d+ free$/ }).click();
    await form.getByRole('combobox', { name: 'Usage location' }).click();
    await page.getByRole('option', { name: 'GB', exact: true }).click();
    // The toggle names the role it grants; with it on, the submission asks first.
    await form.getByLabel('Make Global Administrator').check();
    await screenshot(form, 'add-user-form');
    await form.getByRole('button', { name: 'Add user' }).click();
    const question = card(`Add ${newUpn} as Global Administrator?`);
    await question.waitFor();
    expect(env.app.simulator!.control.getUser(contosoTenantId, newUpn)).toBeNull();
    await question.getByRole('button', { name: 'Add as Global Administrator' }).click();

    // The result replaces the form in place.
    const result = card(`Added ${newUpn} to Contoso Ltd`);
    await result.waitFor();
    expect(await form.count()).toBe(0);
    const text = await seen(result);
    expect(text).toMatch(/Plan\s+Microsoft 365 Business Premium/);
    expect(text).toMatch(/Admin access\s+yes/);
    // The password comes after it, in a card of its own, and only there.
    const secret = card(`Temporary password for ${newUpn}`).filter({ hasText: 'Shown only to you' });
    // All 16 characters: as Markdown, a password such as Ab*cd*Ef… would lose its asterisks to italics.
    const password = (await seen(secret.locator('.ac-richTextBlock'))).trim();
    expect(password).toMatch(/^\S{16}$/);
    expect(text).not.toContain(password);
    await screenshot(result, 'add-user-result');
    expect(env.app.simulator!.control.getUser(contosoTenantId, newUpn)).not.toBeNull();
  }, 30_000);

  it('asks before revoking admin access and revokes it on the confirm button', async () => {
    await say(`revoke admin ${newUpn}`);
    const confirm = card(`Revoke admin access of ${newUpn}?`);
    await confirm.waitFor();
    expect(await seen(confirm)).toContain('They keep their account, licences and mailbox.');
    await screenshot(confirm, 'confirmation');
    await confirm.getByRole('button', { name: 'Revoke admin access' }).click();
    await card(`Revoked admin access of ${newUpn}`).waitFor();
    const newUserId = env.app.simulator!.control.getUser(contosoTenantId, newUpn)!.id;
    expect(env.app.simulator!.control.listRoleMembers(contosoTenantId, 'Global Administrator')).not.toContain(
      newUserId,
    );
  }, 30_000);

  it('previews removing the user as the writes it would send, and does none of them', async () => {
    await say(`preview remove user ${newUpn} delete`);
    const preview = card(`Preview: remove user ${newUpn} would run`);
    await preview.waitFor();
    const text = await seen(preview);
    expect(text).toContain('3. Delete the user (restorable 30 days)');
    expect(text).toMatch(/DELETE \/users\/[0-9a-f-]{36}/);
    expect(text).toContain('Nothing was changed: this is a preview.');
    await screenshot(preview, 'preview');
    expect(env.app.simulator!.control.getUser(contosoTenantId, newUpn)).toMatchObject({ accountEnabled: true });
  }, 30_000);

  it('posts the discrepancies of a sync to the bound chat, where a click decides them', async () => {
    await say('notify here contoso');
    await card("Contoso Ltd's notifications now go to personal chat").waitFor();

    // Day one: every licensed user m365ops did not create comes as one digest; the person adopts them all.
    await say('sync contoso');
    const digest = card('Contoso Ltd: sync found 47 discrepancies · 47 open · 0 decided');
    await digest.getByRole('button', { name: 'Approve all 47: Not managed by m365ops' }).click();
    // One question for the whole batch, on top of the digest; only its button decides.
    await digest.getByText('Approve all 47 discrepancies of Contoso Ltd: Not managed by m365ops?').waitFor();
    expect(await env.app.store.discrepancies.listOpen('contoso')).toHaveLength(47);
    await screenshot(digest, 'digest-confirmation');
    await digest.getByRole('button', { name: 'Approve all 47', exact: true }).click();
    await digest.getByRole('button', { name: 'Approve all 47: Not managed by m365ops' }).waitFor({ state: 'detached' });
    const decided47 = card('Contoso Ltd: sync found 47 discrepancies · 0 open · 47 decided');
    await decided47.waitFor();
    const decidedRows = decided47.locator('.ac-container').filter({ hasText: 'Approved by Alex Wilber' });
    expect(await decidedRows.count()).toBe(25);
    expect(await decided47.getByRole('button').count()).toBe(0);
    await screenshot(decidedRows.first(), 'digest-row-decided');
    expect(await env.app.store.discrepancies.listOpen('contoso')).toEqual([]);

    // Someone gives the new user the admin role outside m365ops; the next sync posts one card for it.
    env.app.simulator!.control.grantRole(contosoTenantId, newUpn, 'Global Administrator');
    await say('sync contoso');
    const discrepancy = card(`Admin access given outside m365ops: ${newUpn}`);
    await discrepancy.getByRole('button', { name: 'Remove admin…' }).click();
    await discrepancy.getByText(`Remove the Global Administrator role from ${newUpn}?`).waitFor();
    await discrepancy.getByRole('button', { name: 'Remove admin', exact: true }).click();
    const decided = discrepancy.filter({ hasText: 'Revoked by Alex Wilber' });
    await decided.waitFor();
    expect(await decided.getByRole('button').count()).toBe(0);
    await screenshot(decided, 'discrepancy-decided');
    const newUserId = env.app.simulator!.control.getUser(contosoTenantId, newUpn)!.id;
    expect(env.app.simulator!.control.listRoleMembers(contosoTenantId, 'Global Administrator')).not.toContain(
      newUserId,
    );
  }, 45_000);

  it('shows a display name and a typed command holding Markdown as written, with no link drawn', async () => {
    const name = '**Urgent** [Renew](https://evil.example/renew)';
    await say(`add user pg.hostile@contoso.com plan business-basic name "${name}" location GB customer contoso`);
    await card(/Added pg\.hostile@contoso\.com/)
      .last()
      .waitFor();
    await say('users contoso');
    const users = card(/·\s+pg\.hostile@contoso\.com/).last();
    await users.waitFor();
    expect(await seen(users)).toContain(name);

    await say('[Renew](https://evil.example/renew) now');
    const refusal = card(/is not a command I know/).last();
    await refusal.waitFor();
    expect(await seen(refusal)).toContain('"[Renew](https://evil.example/renew)" is not a command I know.');
    expect(await page.locator('.ac-adaptiveCard a[href*="evil.example"]').count()).toBe(0);
    expect(await page.locator('.ac-adaptiveCard strong, .ac-adaptiveCard b').count()).toBe(0);
  }, 45_000);

  it('stays on this machine: every request the page made off loopback was blocked', () => {
    expect(blocked.filter((url) => !url.startsWith('https://res-1.cdn.office.net/'))).toEqual([]);
  });
});

/**
 * The local web chat in a real browser (Debian Chromium through playwright-core): type `add user`, fill the form
 * the official renderer draws, submit it with Action.Execute, and see the result card replace the form.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import type { Reply } from '../../../handlers/reply';
import type { Request } from '../../../handlers/request';
import { addUserFormClean, addUserResult, sampleSecretValue } from '../../support/sample-replies';
import { scriptedApp } from '../teams/scripted-app';
import { startTeamsHarness, type TeamsHarness } from '../teams/teams-harness';

const chromiumPath = '/usr/bin/chromium';
const describeWithChromium = existsSync(chromiumPath) ? describe : describe.skip;
if (!existsSync(chromiumPath))
  console.warn(`Skipping the web chat browser test: ${chromiumPath} is missing (apt-get install chromium).`);

const outputDir = path.join(__dirname, '..', '..', '..', 'test-output');

describeWithChromium('local web chat in Chromium', () => {
  let harness: TeamsHarness;
  let browser: Browser;
  let requests: Request[];

  beforeAll(async () => {
    const scripted = scriptedApp(async (request): Promise<Reply> => {
      if (request.command.name === 'add-user-form') return addUserFormClean;
      if (request.command.name === 'submit-form') return addUserResult;
      return { kind: 'text', text: `Unexpected ${request.command.name}` };
    });
    requests = scripted.requests;
    harness = await startTeamsHarness(scripted.app, { devChat: true });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('adds a user through the form and shows the result card', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 1300 } });
    page.setDefaultTimeout(10_000);
    await page.goto(`${harness.url}/`);
    await page.fill('#message', 'add user');
    await page.click('#send');

    const form = page.locator('.bot').filter({ hasText: 'Add a user to Contoso Ltd' });
    // The renderer gives each input's container the input's id.
    await form.locator('#givenName input').fill('Jane');
    await form.locator('#surname input').fill('Doe');
    await form.locator('#customerId select').selectOption('contoso');
    await form.locator('#userName input').fill('jane');
    await form.locator('#domain select').selectOption('contoso.com');
    await form.locator('#planId select').selectOption('business-premium');
    await form.getByRole('button', { name: 'Add user' }).click();

    await page.locator('.bot').filter({ hasText: 'Added jane@contoso.com to Contoso Ltd' }).waitFor();
    expect(await page.locator('#givenName').count()).toBe(0);
    mkdirSync(outputDir, { recursive: true });
    await page.screenshot({ path: path.join(outputDir, 'devchat-add-user.png'), fullPage: true });

    const submitted = requests.find((request) => request.command.name === 'submit-form');
    expect(submitted!.command).toMatchObject({
      name: 'submit-form',
      form: 'add-user',
      values: { givenName: 'Jane', surname: 'Doe', userName: 'jane', customerId: 'contoso' },
    });
    // A personal chat: the temporary password comes as its own card, once.
    await page.locator('.bot').filter({ hasText: sampleSecretValue }).waitFor();
  }, 60_000);
});

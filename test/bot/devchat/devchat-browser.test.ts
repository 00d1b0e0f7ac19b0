/**
 * The local web chat in a real browser (Debian Chromium through playwright-core), against the whole m365ops with
 * its simulated tenants: type `add user`, fill the form the official renderer draws, submit it with
 * Action.Execute, see the result card replace the form and the temporary password once, and find the user in the
 * simulated tenant.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { chromiumPath, hasChromium, launchChromium } from '../../support/offline-chromium';
import type { AppHarness } from '../teams/app-harness';

const describeWithChromium = hasChromium ? describe : describe.skip;
if (!hasChromium) {
  console.warn(`Skipping the web chat browser test: ${chromiumPath} is missing (apt-get install chromium).`);
}

const outputDir = path.join(__dirname, '..', '..', '..', 'test-output');
const contosoTenantId = '0f6d3a2e-5b1c-4d7e-9a8f-1c2b3d4e5f60';

describeWithChromium('local web chat in Chromium', () => {
  let harness: AppHarness;
  let browser: Browser;

  beforeAll(async () => {
    const { startAppHarness } = await import('../teams/app-harness');
    harness = await startAppHarness({ devChat: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('adds a user to a simulated tenant through the form and shows the result card', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 1400 } });
    page.setDefaultTimeout(15_000);
    await page.goto(`${harness.http.url}/`);
    await page.fill('#message', 'add user customer contoso');
    await page.click('#send');

    // The renderer gives each input's container the input's id.
    const form = page.locator('.bot').filter({ has: page.locator('#userName') });
    await form.locator('#givenName input').fill('Webby');
    await form.locator('#surname input').fill('Chat');
    await form.locator('#userName input').fill('webby.chat');
    await form.locator('#domain select').selectOption('contoso.com');
    await form.locator('#planId select').selectOption('business-premium');
    await form.getByRole('button', { name: 'Add user' }).click();

    // No usage location: the form comes back in place, the error under that input and the values kept.
    await form.getByText(/two-letter country code/).waitFor();
    expect(await form.locator('#userName input').inputValue()).toBe('webby.chat');
    await form.locator('#usageLocation select').selectOption('GB');
    await form.getByRole('button', { name: 'Add user' }).click();

    await page
      .locator('.bot')
      .filter({ hasText: /Added webby\.chat@contoso\.com/ })
      .first()
      .waitFor();
    expect(await page.locator('#userName').count()).toBe(0);
    // A personal chat: the temporary password follows as its own card.
    const secretCard = page.locator('.bot').filter({ hasText: /Shown only to you and only once/ });
    await secretCard.waitFor();
    const password = ((await secretCard.locator('.ac-richTextBlock').first().textContent()) ?? '').trim();
    expect(password.length).toBeGreaterThanOrEqual(8);
    expect(password).not.toMatch(/Temporary password|Shown only/);
    // The session cookie is out of the page's scripts' reach, and the server no longer holds the password.
    expect(await page.evaluate(() => document.cookie)).not.toContain('devchat_session');
    const again = await page.evaluate(() => fetch('/devchat/events').then((response) => response.text()));
    expect(again).not.toContain(password);
    mkdirSync(outputDir, { recursive: true });
    await page.screenshot({ path: path.join(outputDir, 'devchat-add-user.png'), fullPage: true });

    expect(harness.app.simulator!.control.getUser(contosoTenantId, 'webby.chat@contoso.com')).not.toBeNull();
  }, 60_000);

  it('shows card text as written, as Teams does: no link, no escapes', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.goto(`${harness.http.url}/`);
    await page.fill('#message', '[Renew](https://evil.example/renew) <b>now</b>');
    await page.click('#send');
    const card = page.locator('.bot').filter({ hasText: /is not a command I know/ });
    await card.waitFor();
    expect(await card.textContent()).toContain('"[Renew](https://evil.example/renew)" is not a command I know.');
    expect(await card.locator('a, b').count()).toBe(0);
  }, 30_000);
});

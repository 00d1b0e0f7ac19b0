/**
 * Card text in Microsoft's Agents Playground, which renders Adaptive Cards as Teams does (Markdown on), against the
 * whole m365ops with its simulated tenants: a display name and a typed command that hold Markdown show as written,
 * and no link to where they point is drawn. Headless Chromium; external requests (fonts, telemetry) are blocked.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { AppHarness } from './app-harness';

const chromiumPath = '/usr/bin/chromium';
const describeWithChromium = existsSync(chromiumPath) ? describe : describe.skip;
if (!existsSync(chromiumPath)) {
  console.warn(`Skipping the Agents Playground test: ${chromiumPath} is missing (apt-get install chromium).`);
}

/** The Playground's default user, Alex Wilber. */
const playgroundUser = 'teams:00000000-0000-0000-0000-0000000000020';

describeWithChromium('card text in the Agents Playground', () => {
  let harness: AppHarness;
  let playground: ChildProcess;
  let playgroundUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    const { startAppHarness } = await import('./app-harness');
    harness = await startAppHarness({ workingCardAfterMs: 10_000 });
    await harness.app.store.access.grant(playgroundUser, 'helpdesk', 'test');
    const port = await findFreePort();
    playground = spawn(
      process.execPath,
      [
        require.resolve('@microsoft/m365agentsplayground/cli.js'),
        ...['-e', `${harness.http.url}/api/messages`, '-c', 'msteams', '-p', String(port), '--disable-telemetry'],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await waitForOutput(playground, /Listening on/);
    playgroundUrl = `http://localhost:${port}/`;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    playground?.kill();
    await harness?.close();
  });

  it('shows a display name and a typed command holding Markdown as written, with no link drawn', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.route(/^https?:\/\/(?!localhost|127\.0\.0\.1)/, (route) => route.abort());
    await page.goto(playgroundUrl);

    const name = '**Urgent** [Renew](https://evil.example/renew)';
    await send(page, `add user pg.hostile@contoso.com plan business-basic name "${name}" location GB customer contoso`);
    await cardWith(page, /Added pg\.hostile@contoso\.com/).waitFor();
    await send(page, 'users contoso');
    const users = cardWith(page, /·\s+pg\.hostile@contoso\.com/);
    await users.waitFor();
    expect(await users.textContent()).toContain(name);

    await send(page, '[Renew](https://evil.example/renew) now');
    const refusal = cardWith(page, /is not a command I know/);
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('"[Renew](https://evil.example/renew)" is not a command I know.');

    expect(await page.locator('.ac-adaptiveCard a[href*="evil.example"]').count()).toBe(0);
    expect(await page.locator('.ac-adaptiveCard strong, .ac-adaptiveCard b').count()).toBe(0);
  }, 60_000);
});

async function send(page: Page, text: string): Promise<void> {
  // The compose box is a rich-text (Lexical) editor, typed into like a person would.
  await page.locator('[data-lexical-editor="true"]').click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

function cardWith(page: Page, text: RegExp) {
  return page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`The Agents Playground exited (${code}): ${output}`)));
  });
}

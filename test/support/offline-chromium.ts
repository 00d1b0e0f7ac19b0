/**
 * Debian's Chromium for browser tests, kept on this machine. Even with --disable-background-networking (and
 * Playwright's own switches) it looks up update.googleapis.com, accounts.google.com and
 * content-autofill.googleapis.com; the resolver rule answers every name but loopback "not found" without asking
 * DNS, so no lookup or connection leaves the machine (checked with strace; what remains is its IPv6 probe, a UDP
 * socket connected to 2001:4860:4860::8888 that sends nothing).
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

export const hasChromium = existsSync(chromiumPath);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
    ],
  });
}

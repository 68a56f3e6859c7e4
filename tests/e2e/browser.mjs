// Shared by the end-to-end tests: headless Debian Chromium (never a downloaded browser) in a
// persistent context on a fresh, throw-away profile directory (Playwright's way of passing
// --user-data-dir), with the flags ../shared/toolchain.md found to work here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Launches Chromium; `close()` also removes the profile directory. */
export async function launchBrowser({ locale } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'dstream-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ...(locale ? { locale } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser } from 'playwright-core';

/**
 * Headless Chromium without system packages: CHROME_PATH when set (e.g. Debian's chromium),
 * else the build @sparticuz/chromium ships inside its npm package. The flags keep it off the
 * network, which this machine does not have.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROME_PATH || (await chromium.executablePath());
  return playwright.launch({
    executablePath,
    headless: true,
    args: [
      // One process for everything (a Lambda saving) dies with the first closed context.
      ...(process.env.CHROME_PATH ? ['--no-sandbox'] : chromium.args.filter((arg) => arg !== '--single-process')),
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

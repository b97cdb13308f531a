import { chromium as playwright, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumExecutable } from '../../scripts/lib/chromium.js';

export async function launchBrowser(): Promise<Browser> {
  return playwright.launch({ executablePath: await chromiumExecutable(), headless: true, args: chromiumArgs() });
}

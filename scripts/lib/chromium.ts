import chromium from '@sparticuz/chromium';

/**
 * Headless Chromium without system packages: CHROME_PATH when set (e.g. Debian's chromium),
 * else the build @sparticuz/chromium ships inside its npm package.
 */
export async function chromiumExecutable(): Promise<string> {
  return process.env.CHROME_PATH || (await chromium.executablePath());
}

/** The flags keep it off the network, which this machine does not have. */
export function chromiumArgs(): string[] {
  return [
    // One process for everything (a Lambda saving) dies with the first closed context.
    ...(process.env.CHROME_PATH ? ['--no-sandbox'] : chromium.args.filter((arg) => arg !== '--single-process')),
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
}

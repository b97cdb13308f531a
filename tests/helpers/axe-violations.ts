/// <reference lib="dom" />
import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** WCAG 2.1 AA, the level the portal promises. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Every axe violation on these pages of `base`, one line each (`url: rule (count) first target`). */
export async function axeViolations(page: Page, base: string, urls: readonly string[]): Promise<string[]> {
  const violations: string[] = [];
  for (const url of urls) {
    await page.goto(`${base}${url}`);
    // Evaluated through the DevTools protocol: the site's CSP rightly refuses inline scripts.
    await page.evaluate(axe.source);
    const result = await page.evaluate(
      (tags) => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags } }),
      AXE_TAGS,
    );
    for (const v of result.violations) violations.push(`${url}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`);
  }
  return violations;
}

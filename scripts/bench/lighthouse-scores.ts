import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumArgs, chromiumExecutable } from '../lib/chromium.js';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
export type Category = (typeof CATEGORIES)[number];
export type Scores = Record<Category, number[]>;

/**
 * Lighthouse's default run — a mobile phone on a throttled (simulated) 4G connection — of
 * each URL, `runs` times, in the project's own Chromium. Scores are 0–100.
 */
export async function lighthouseScores(urls: Record<string, string>, runs: number): Promise<Record<string, Scores>> {
  const chrome = await chromeLauncher.launch({ chromePath: await chromiumExecutable(), chromeFlags: chromiumArgs() });
  try {
    const results: Record<string, Scores> = {};
    for (const [name, url] of Object.entries(urls)) {
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, [] as number[]])) as Scores;
      for (let run = 0; run < runs; run += 1) {
        const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
        if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
        if (result.lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
        for (const category of CATEGORIES) {
          const score = result.lhr.categories[category]?.score;
          if (typeof score !== 'number') throw new Error(`Lighthouse on ${url}: no ${category} score`);
          scores[category].push(Math.round(score * 100));
        }
      }
      results[name] = scores;
      process.stderr.write(`lighthouse ${name}: ${CATEGORIES.map((c) => `${c} ${scores[c].join('/')}`).join(', ')}\n`);
    }
    return results;
  } finally {
    chrome.kill();
  }
}

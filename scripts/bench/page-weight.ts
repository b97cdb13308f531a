import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Parser } from 'htmlparser2';

export interface PageWeight {
  /** HTML and its stylesheets, gzipped (what a phone downloads before it can paint). */
  htmlCssGzip: number;
  /** JavaScript, gzipped. */
  jsGzip: number;
  /** The page, its stylesheets, scripts and the images it loads at once (not lazy ones). */
  requests: number;
}

const gz = (file: string) => gzipSync(readFileSync(file)).length;

/** Weighs a page of a built release by what its HTML asks for, resolved inside the release. */
export function pageWeight(releaseDir: string, pagePath: string): PageWeight {
  const htmlFile = path.join(releaseDir, pagePath, 'index.html');
  const css: string[] = [];
  const js: string[] = [];
  let images = 0;
  new Parser({
    onopentag(name, attrs) {
      if (name === 'link' && attrs.rel === 'stylesheet' && attrs.href) css.push(attrs.href);
      if (name === 'script' && attrs.src) js.push(attrs.src);
      if (name === 'img' && attrs.loading !== 'lazy') images += 1;
    },
  }).end(readFileSync(htmlFile, 'utf8'));
  const local = (href: string) => path.join(releaseDir, new URL(href, 'http://site.invalid/').pathname);
  const sum = (list: string[]) => [...new Set(list)].map(local).filter((f) => existsSync(f)).reduce((total, f) => total + gz(f), 0);
  return { htmlCssGzip: gz(htmlFile) + sum(css), jsGzip: sum(js), requests: 1 + new Set(css).size + new Set(js).size + images };
}

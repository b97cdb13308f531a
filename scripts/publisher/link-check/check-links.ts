import type { CmsOptions } from '../cms-articles.js';
import { inParallel } from '../../lib/in-parallel.js';
import { publishedEntryLinks, type EntryLinks } from './cms-content.js';
import { readLinkCache, writeLinkCache, type LinkCache } from './link-cache.js';
import { adminEntryUrl, type BrokenLink, type LinkReport } from './link-report.js';
import { REASONS, ReleasePaths } from './release-paths.js';
import { externalVerdict, OK, statusVerdict, type LinkVerdict } from './link-verdict.js';
import { probeUrl, type ProbeOptions } from './safe-request.js';

export interface LinkCheckOptions {
  releaseId: string;
  releaseDir: string;
  cms: CmsOptions;
  /** The CMS as editors reach it, for the admin links. */
  cmsPublicUrl: string;
  /** The public site: absolute links to it are internal. */
  siteUrl: string;
  /** Where uploads are served from (the CMS, its public URL, MEDIA_URL): links there are media. */
  mediaOrigins: readonly string[];
  cacheFile: string;
  /** New external checks a release may make (LINK_CHECK_EXTERNAL_BUDGET). */
  externalBudget: number;
  probe: ProbeOptions;
  now?: () => Date;
}

/** How each kind of link is checked. */
type Kind = { kind: 'internal'; path: string } | { kind: 'media'; url: string } | { kind: 'external'; url: string } | { kind: 'skip' } | { kind: 'invalid' };

const SKIPPED_SCHEMES = /^(mailto|tel|sms|data):/i;

/**
 * How one link is checked. `attachment`: a media field's file, whose relative URL the site makes
 * an address on the CMS; a body's relative `/uploads/…` the site leaves as written, so readers
 * ask the public site for it and it is checked against the release like any other path.
 */
export function classifyLink(link: string, page: string, options: Pick<LinkCheckOptions, 'siteUrl' | 'mediaOrigins' | 'cms'>, attachment = false): Kind {
  if (link.startsWith('#') || SKIPPED_SCHEMES.test(link)) return { kind: 'skip' };
  const site = new URL(options.siteUrl);
  let url: URL;
  try {
    url = new URL(link, new URL(page, site));
  } catch {
    return { kind: 'invalid' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'skip' };
  const relative = !/^[a-z][a-z0-9+.-]*:/i.test(link) && !link.startsWith('//');
  // Files the CMS serves; a path on its origin outside /uploads/ is nothing a reader should get.
  if (url.pathname.startsWith('/uploads/') && ((relative && attachment) || (!relative && options.mediaOrigins.includes(url.origin)))) {
    return { kind: 'media', url: `${relative ? options.cms.strapiUrl.replace(/\/+$/, '') : url.origin}${url.pathname}` };
  }
  if (relative || url.origin === site.origin) return { kind: 'internal', path: url.pathname };
  return { kind: 'external', url: url.href.replace(/#.*$/, '') };
}

async function mediaVerdict(url: string, options: LinkCheckOptions): Promise<LinkVerdict> {
  try {
    const response = await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(options.probe.timeoutMs) });
    return statusVerdict(response.status, 'media');
  } catch {
    // The CMS being down is the CMS's news, not a broken link.
    return { state: 'unchecked', reason: 'CMS không trả lời' };
  }
}

/** Links asked at once: external servers are many and slow; the CMS shares its time with the build's. */
const PARALLEL_EXTERNAL = 8;
const PARALLEL_MEDIA = 4;

/**
 * Checks every link of every published entry against one live release: internal links against
 * its files and redirects.json, media by HEAD to where they are served, external links within the
 * budget and through the cache. Writes nothing but the cache; returns the report.
 */
export async function checkLinks(options: LinkCheckOptions): Promise<LinkReport> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const entries = await publishedEntryLinks(options.cms);
  const release = await ReleasePaths.open(options.releaseDir);
  const cache = await readLinkCache(options.cacheFile, started);
  const verdicts = new Map<string, LinkVerdict>();
  const media = new Set<string>();
  const external = new Set<string>();
  const kinds = new Map<string, Kind>();
  const key = (entry: EntryLinks, link: string) => `${entry.page}\n${link}`;

  let links = 0;
  for (const entry of entries) {
    for (const link of entry.links) {
      links++;
      const kind = classifyLink(link.url, entry.page, options, link.attachment);
      kinds.set(key(entry, link.url), kind);
      if (kind.kind === 'media') media.add(kind.url);
      if (kind.kind === 'external') external.add(kind.url);
    }
  }

  await inParallel([...media], PARALLEL_MEDIA, async (url) => {
    verdicts.set(url, await mediaVerdict(url, options));
  });

  const uncached = [...external].filter((url) => !cache[url]);
  const asked = uncached.slice(0, options.externalBudget);
  const updated: LinkCache = { ...cache };
  await inParallel(asked, PARALLEL_EXTERNAL, async (url) => {
    updated[url] = { checkedAt: now().toISOString(), verdict: externalVerdict(await probeUrl(url, options.probe)) };
  });
  // A link past the budget is not known yet: neither broken nor counted as unchecked (externalDeferred says so).
  for (const url of external) verdicts.set(url, updated[url]?.verdict ?? OK);
  await writeLinkCache(options.cacheFile, updated);

  const reported: LinkReport['entries'] = [];
  let unchecked = 0;
  for (const entry of entries) {
    const broken: BrokenLink[] = [];
    for (const link of entry.links) {
      const kind = kinds.get(key(entry, link.url))!;
      let verdict: LinkVerdict = OK;
      if (kind.kind === 'internal') {
        const reason = release.check(kind.path);
        if (reason) verdict = { state: 'broken', reason };
      } else if (kind.kind === 'invalid') verdict = { state: 'broken', reason: REASONS.unreadable };
      else if (kind.kind === 'media' || kind.kind === 'external') verdict = verdicts.get(kind.url) ?? OK;
      if (verdict.state === 'broken') broken.push({ url: link.url, text: link.text, reason: verdict.reason });
      if (verdict.state === 'unchecked') unchecked++;
    }
    if (broken.length > 0) {
      reported.push({ uid: entry.uid, documentId: entry.documentId, title: entry.title, adminUrl: adminEntryUrl(options.cmsPublicUrl, entry.uid, entry.documentId), broken });
    }
  }
  return {
    version: 1,
    releaseId: options.releaseId,
    checkedAt: now().toISOString(),
    durationMs: now().getTime() - started.getTime(),
    counts: {
      entries: entries.length,
      links,
      broken: reported.reduce((sum, entry) => sum + entry.broken.length, 0),
      externalChecked: asked.length,
      externalDeferred: uncached.length - asked.length,
      unchecked,
    },
    entries: reported,
  };
}

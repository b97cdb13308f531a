import type { Core, UID } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';
import { fieldError } from './field-error';
import type { RedirectAsSaved } from './redirect-as-saved';

const REDIRECT = CONTENT_TYPES.redirect.uid;

interface Hop {
  documentId: string;
  from: string;
  to: string | null;
  code: number;
}

/**
 * Saving A→B while B→C exists stores A→C: a citizen gets one hop, and a loop (A→B while B→A,
 * or A→B→C→A from older entries) is a 400 naming `to`. A target that is withdrawn (410) is
 * kept: the redirect then leads to the page saying so. The redirects that led to A are
 * pointed onward after the save (cms/src/redirects/collapse-chains-behind.ts).
 */
export async function collapseRedirectChain(strapi: Core.Strapi, saved: RedirectAsSaved, data: Record<string, unknown>): Promise<void> {
  if (typeof saved.from !== 'string' || typeof saved.to !== 'string' || !saved.to.startsWith('/')) return;
  const path: string[] = [saved.from, saved.to];
  let target = saved.to;
  for (;;) {
    const next = (await strapi.db.query(REDIRECT as UID.Schema).findOne({
      where: { from: target, code: { $in: [301, 302] }, ...(saved.documentId ? { documentId: { $ne: saved.documentId } } : {}) },
      select: ['documentId', 'from', 'to', 'code'],
    })) as Hop | null;
    if (!next?.to) break;
    path.push(next.to);
    if (next.to === saved.from || path.indexOf(next.to) < path.length - 1) {
      throw fieldError(REDIRECT, ['to'], `would make a loop: ${path.join(' → ')}`);
    }
    target = next.to;
    if (!target.startsWith('/')) break;
  }
  if (target !== saved.to) saved.to = data.to = target;
}

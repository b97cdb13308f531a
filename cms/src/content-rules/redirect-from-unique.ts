import type { Core, UID } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';
import { fieldError } from './field-error';
import type { RedirectAsSaved } from './redirect-as-saved';

const REDIRECT = CONTENT_TYPES.redirect.uid;

/** One path answers one way: two redirects from the same path would leave the site to pick one. */
export async function checkRedirectFromUnique(strapi: Core.Strapi, saved: RedirectAsSaved): Promise<void> {
  if (typeof saved.from !== 'string') return;
  const clash = (await strapi.db.query(REDIRECT as UID.Schema).findOne({
    where: { from: saved.from, ...(saved.documentId ? { documentId: { $ne: saved.documentId } } : {}) },
    select: ['documentId', 'to', 'code'],
  })) as { documentId: string; to: string | null; code: number } | null;
  if (clash) throw fieldError(REDIRECT, ['from'], `"${saved.from}" already has a redirect (${clash.code}${clash.to ? ` to ${clash.to}` : ''}, ${clash.documentId})`);
}

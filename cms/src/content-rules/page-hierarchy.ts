import type { Core, UID } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';
import { fieldError } from './field-error';
import { documentIdOf, toOneChange } from './relation-input';

const PAGE = CONTENT_TYPES.page.uid;
/** Deeper than any profile goes; stops the walk should the database already hold a loop. */
const MAX_DEPTH = 100;

/** A page's parent (documentId) in the version editors write to: the draft, else the published one. */
async function parentOf(strapi: Core.Strapi, documentId: string): Promise<string | null> {
  const query = strapi.db.query(PAGE as UID.Schema);
  const options = { select: ['documentId'], populate: { parent: { select: ['documentId'] } } };
  const row = ((await query.findOne({ where: { documentId, publishedAt: null }, ...options })) ??
    (await query.findOne({ where: { documentId }, ...options }))) as { parent?: { documentId: string } | null } | null;
  return row?.parent?.documentId ?? null;
}

/** The page's parent, its parent's parent, … up to a top-level page. */
async function ancestorsFrom(strapi: Core.Strapi, first: string | null): Promise<string[]> {
  const chain: string[] = [];
  for (let at = first; at && !chain.includes(at) && chain.length < MAX_DEPTH; at = await parentOf(strapi, at)) chain.push(at);
  return chain;
}

/** The entries a to-many relation's data connects, as REST (ids or documentIds), the admin (`connect`) and scripts (`set`) send them. */
function connected(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object') {
    const v = value as { set?: unknown; connect?: unknown };
    if (Array.isArray(v.set)) return v.set;
    if (Array.isArray(v.connect)) return v.connect;
    if (v.connect !== undefined) return [v.connect];
  }
  return [];
}

async function documentIdsOf(strapi: Core.Strapi, refs: unknown[]): Promise<string[]> {
  const ids: string[] = [];
  for (const ref of refs) {
    const change = toOneChange(ref);
    if (change.keep || change.target === null) continue;
    const id = await documentIdOf(strapi, PAGE, change.target);
    if (id) ids.push(id);
  }
  return ids;
}

/**
 * The profile is a tree: a page is never its own parent, nor the parent of a page above it,
 * whether the write sets `parent` or lists `children`. A loop would hide its pages from
 * /gioi-thieu/ and send breadcrumbs round for ever.
 */
export async function checkPageHierarchy(strapi: Core.Strapi, action: string, data: Record<string, unknown>, documentId: string | undefined): Promise<void> {
  const self = action === 'update' ? documentId : undefined;
  const change = toOneChange(data.parent);
  const parent = change.keep
    ? self
      ? await parentOf(strapi, self)
      : null
    : change.target === null
      ? null
      : ((await documentIdOf(strapi, PAGE, change.target)) ?? null);
  const ancestors = await ancestorsFrom(strapi, parent);
  if (self && ancestors.includes(self)) {
    throw fieldError(PAGE, ['parent'], parent === self ? 'must be another page, not this one' : 'must not be one of this page’s own subpages');
  }
  if (data.children === undefined) return;
  const children = await documentIdsOf(strapi, connected(data.children));
  if (children.some((child) => child === self || ancestors.includes(child))) {
    throw fieldError(PAGE, ['children'], 'must not include this page itself or a page above it');
  }
}

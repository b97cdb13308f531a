import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';

interface PreviewRequest {
  params: { contentType?: string };
  query: { documentId?: unknown };
  state: { userAbility?: unknown };
}

interface Checker {
  can: { read(entity?: unknown): boolean };
  cannot: { read(entity?: unknown): boolean };
}

/**
 * A signed preview link shows the entry to whoever holds it, so the CMS signs one only for
 * an admin whose role may read that entry (Strapi's own preview route checks only that the
 * caller is signed in). Conditions such as "own entries only" are checked on the entry.
 */
export async function assertMayPreview(strapi: Core.Strapi, ctx: PreviewRequest): Promise<void> {
  const uid = ctx.params.contentType;
  const model = uid ? strapi.getModel(uid as UID.Schema) : undefined;
  // Strapi's validation answers an unknown type or a missing documentId with its own 400.
  if (!uid || !model || model.modelType !== 'contentType') return;

  const checker: Checker = strapi
    .plugin('content-manager')
    .service('permission-checker')
    .create({ userAbility: ctx.state.userAbility, model: uid });
  if (checker.cannot.read()) throw new errors.ForbiddenError('Your role may not read this type');

  const documentId = typeof ctx.query.documentId === 'string' ? ctx.query.documentId : undefined;
  const where = model.kind === 'singleType' || !documentId ? {} : { documentId };
  const entry = await strapi.db.query(uid as UID.Schema).findOne({ where, populate: ['createdBy'] });
  if (entry && checker.cannot.read(entry)) throw new errors.ForbiddenError('Your role may not read this entry');
}

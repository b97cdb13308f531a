import type { Core, UID } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';
import { fieldError } from './field-error';

const PROCEDURE = CONTENT_TYPES.procedure.uid;

/** The code the write leaves: the one sent, else (for a clone) the source's. */
async function codeAsSaved(strapi: Core.Strapi, action: string, data: Record<string, unknown>, documentId: string | undefined): Promise<unknown> {
  if ('code' in data || action !== 'clone' || !documentId) return data.code;
  const source = (await strapi.db.query(PROCEDURE as UID.Schema).findOne({ where: { documentId }, select: ['code'] })) as { code?: unknown } | null;
  return source?.code;
}

/**
 * Each code is one procedure: two entries with the same code would send citizens to two pages
 * for one procedure. A procedure's own draft and published versions are one procedure; a
 * clone is a new one. Read through the database, which sees drafts and published alike.
 */
export async function checkProcedureCodeUnique(
  strapi: Core.Strapi,
  action: string,
  data: Record<string, unknown>,
  documentId: string | undefined,
): Promise<void> {
  const code = await codeAsSaved(strapi, action, data, documentId);
  if (typeof code !== 'string' || code === '') return;
  const own = action === 'update' ? documentId : undefined;
  const clash = (await strapi.db.query(PROCEDURE as UID.Schema).findOne({
    where: { code, ...(own ? { documentId: { $ne: own } } : {}) },
    select: ['documentId', 'name'],
  })) as { documentId: string; name: string } | null;
  if (clash) throw fieldError(PROCEDURE, ['code'], `"${code}" is already the code of another procedure: ${clash.name} (${clash.documentId})`);
}

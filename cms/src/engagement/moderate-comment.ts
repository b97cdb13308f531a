import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { adminName } from '../audit/audit-actor';
import { audit } from '../audit/audit-log';
import { ENGAGEMENT_TABLES, type CommentStatus } from './engagement-tables';

export interface Moderator {
  firstname?: string | null;
  lastname?: string | null;
  email?: string | null;
}

/**
 * Marks a rating's comment read or hidden (or new again), saying who and when; the audit log
 * records the change, never the comment's text (a citizen may have typed personal data in it).
 */
export async function moderateComment(strapi: Core.Strapi, id: number, status: CommentStatus, by: Moderator): Promise<{ id: number; status: CommentStatus; moderatedAt: string; moderatedBy: string }> {
  const knex = strapi.db.connection;
  const existing = (await knex(ENGAGEMENT_TABLES.ratingComments).where({ id }).first('id', 'status', 'page_key')) as { id: number; status: CommentStatus; page_key: string } | undefined;
  if (!existing) throw new errors.NotFoundError(`No comment ${id}`);
  const moderatedAt = new Date().toISOString();
  const moderatedBy = adminName(by);
  await knex(ENGAGEMENT_TABLES.ratingComments).where({ id }).update({ status, moderated_at: moderatedAt, moderated_by: moderatedBy });
  await audit(strapi, {
    action: `engagement.comment.${status}`,
    subjectType: 'engagement-comment',
    subjectId: String(id),
    detail: { page: existing.page_key, from: existing.status, to: status },
  });
  return { id, status, moderatedAt, moderatedBy };
}

import type { Core } from '@strapi/strapi';
import { fieldError } from './field-error';

const TASK = 'api::resolution-task.resolution-task';
type Data = Record<string, unknown>;

/** The documentId a relation input points at, for the shapes the REST and admin APIs send. */
function relationTarget(value: unknown): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    const v = value as { set?: unknown; connect?: unknown; documentId?: unknown };
    if (typeof v.documentId === 'string') return v.documentId;
    const list = Array.isArray(v.set) ? v.set : Array.isArray(v.connect) ? v.connect : undefined;
    if (list) return list.length === 0 ? (v.set ? null : undefined) : relationTarget(list[0]);
  }
  return undefined;
}

/** Key tasks are numbered 1, 2, 3… within one article and year: two tasks may not share a number. */
export async function checkTaskOrderUnique(strapi: Core.Strapi, data: Data, documentId?: string): Promise<void> {
  if (!('order' in data) && !('year' in data) && !('sourceArticle' in data)) return;
  const current = documentId
    ? await strapi.documents(TASK).findOne({ documentId, populate: { sourceArticle: { fields: ['documentId'] } } })
    : null;
  const order = (data.order ?? current?.order) as number | undefined;
  const year = (data.year ?? current?.year) as number | undefined;
  const requested = relationTarget(data.sourceArticle);
  const article = requested === undefined ? (current?.sourceArticle as { documentId?: string } | null)?.documentId : requested;
  if (!order || !year || !article) return;

  const clash = await strapi.documents(TASK).findFirst({
    filters: {
      order,
      year,
      sourceArticle: { documentId: article },
      ...(documentId ? { documentId: { $ne: documentId } } : {}),
    },
  });
  if (clash) {
    throw fieldError(TASK, ['order'], `${order} is already used by "${clash.title}" (${clash.documentId}) for ${year} in this article`);
  }
}

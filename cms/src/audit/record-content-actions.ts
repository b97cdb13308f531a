import type { Core, UID } from '@strapi/strapi';
import { CONTENT_TYPES, declarationOf } from '../content-model/content-types.js';
import { hasDraftAndPublish } from '../utils/our-content-types';
import { audit } from './audit-log';

type Params = { data?: Record<string, unknown>; documentId?: string; status?: unknown };
type Row = Record<string, unknown>;

const SCHEDULE_FIELDS = ['publishAt', 'unpublishAt'] as const;
const SCALAR = new Set(['string', 'text', 'richtext', 'email', 'enumeration', 'integer', 'biginteger', 'decimal', 'float', 'boolean', 'date', 'datetime', 'time', 'uid']);

/** The entry's current draft (or its only version), before or after a write. */
async function current(strapi: Core.Strapi, uid: UID.ContentType, documentId: string | undefined, populate = false): Promise<Row | null> {
  const model = strapi.getModel(uid);
  const where = model.kind === 'singleType' ? {} : { documentId };
  if (model.kind !== 'singleType' && !documentId) return null;
  return strapi.db.query(uid).findOne({ where: { ...where, publishedAt: hasDraftAndPublish(uid) ? null : { $notNull: true } }, ...(populate ? { populate: true as never } : {}) });
}

/** Fields whose stored value differs; a component or media field counts by its content without ids. */
function changedFields(strapi: Core.Strapi, uid: UID.ContentType, before: Row | null, after: Row | null): string[] {
  const attributes = strapi.getModel(uid).attributes as Record<string, { type: string }>;
  const plain = (value: unknown): string => JSON.stringify(value ?? null, (key, inner) => (['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt'].includes(key) ? undefined : inner));
  return Object.keys(attributes).filter((field) => {
    if (['createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'localizations', 'locale'].includes(field)) return false;
    return plain(before?.[field]) !== plain(after?.[field]) && (SCALAR.has(attributes[field]!.type) || attributes[field]!.type === 'component' || attributes[field]!.type === 'media');
  });
}

const instant = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : new Date(value as string).toISOString());

const titleOf = (uid: string, row: Row | null): string | undefined => {
  const field = declarationOf(uid)?.admin.mainField;
  const value = field ? row?.[field] : undefined;
  return typeof value === 'string' ? value : undefined;
};

/**
 * Publishing, unpublishing, deleting and scheduling of our types, the site settings' changes,
 * and every write to a type that is live at once, recorded in the Document Service after the
 * write succeeded: the admin, REST, the seed, scripts and the scheduler alike. Draft saves are
 * the version history's, not the audit log's.
 */
export function recordContentActions(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const { uid, action } = context;
    if (!uid.startsWith('api::')) return next();
    const params = (context.params ?? {}) as Params;
    const live = !hasDraftAndPublish(uid);
    const settings = uid === CONTENT_TYPES.siteSetting.uid;
    const touchesSchedule = (action === 'create' || action === 'update') && SCHEDULE_FIELDS.some((field) => params.data && field in params.data);
    // A create or an update with status=published (REST, the seed) publishes as the button does.
    const publishing = action === 'publish' || (!live && (action === 'create' || action === 'update') && params.status === 'published');
    const watched = publishing || action === 'unpublish' || action === 'delete' || (live && ['create', 'update'].includes(action)) || touchesSchedule;
    if (!watched) return next();

    const before = await current(strapi, uid, params.documentId, settings);
    const outcome = await next();
    const result = outcome as Row | { entries?: Row[] } | null;
    const documentId = params.documentId ?? (result as Row | null)?.documentId;
    const subject = { subjectType: uid, subjectId: typeof documentId === 'string' ? documentId : null };
    const title = titleOf(uid, before) ?? titleOf(uid, (result as Row | null) ?? null) ?? titleOf(uid, ((result as { entries?: Row[] })?.entries ?? [])[0] ?? null);

    if (touchesSchedule && !settings) {
      const schedule = Object.fromEntries(SCHEDULE_FIELDS.filter((field) => field in params.data!).map((field) => [field, params.data![field] ?? null]));
      const moved = Object.entries(schedule).some(([field, value]) => instant(before?.[field]) !== instant(value));
      if (moved) await audit(strapi, { action: 'entry.schedule', ...subject, detail: { title, ...schedule } });
    }
    if (settings && action !== 'delete') {
      const after = await current(strapi, uid, undefined, true);
      await audit(strapi, { action: 'settings.update', ...subject, detail: { fields: changedFields(strapi, uid, before, after) } });
    } else if (publishing || action === 'unpublish' || action === 'delete') {
      await audit(strapi, { action: publishing ? 'entry.publish' : `entry.${action}`, ...subject, detail: { title } });
    } else if (live) {
      const after = await current(strapi, uid, typeof documentId === 'string' ? documentId : undefined);
      await audit(strapi, { action: `entry.${action}`, ...subject, detail: { title: titleOf(uid, after) ?? title, fields: changedFields(strapi, uid, before, after) } });
    }
    return outcome;
  });
}

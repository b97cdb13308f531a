import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { ALL_CONTENT_TYPES } from '../content-model/content-types.js';
import { findVersion, restoreVersion } from './restore-version';
import { fromRow, META_COLUMNS, VERSION_TABLE } from './version-table';

const PAGE_SIZE = 50;
const UIDS = ALL_CONTENT_TYPES.map((type) => type.uid) as [string, ...string[]];

const listParams = z.object({ uid: z.enum(UIDS), documentId: z.string().regex(/^[a-z0-9]{1,64}$/, 'a documentId') });
const listQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) }).strict();
/** Within the column's integer range on every database: anything past it is no version, said as a 400, not a database error. */
const versionParams = z.object({ id: z.string().regex(/^[1-9]\d{0,9}$/, 'a version id').transform(Number).pipe(z.number().max(2_147_483_647, 'a version id')) });

function parse<T extends z.ZodTypeAny>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  // An unknown parameter is named by itself, not by the object it was found in.
  const name = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.');
  throw new errors.ValidationError(`${name || 'query'}: ${issue.message}`, { errors: parsed.error.issues.map((i) => ({ path: i.path, message: i.message })) });
}

interface PermissionChecker {
  cannot: Record<'read' | 'update', (entity?: object) => boolean>;
}

/**
 * The content manager's own permission on the type, checked by its permission checker against
 * the entry (a role may hold it only on entries its user created): who may read an entry may
 * read its versions; who may update it may restore one.
 */
async function allow(strapi: Core.Strapi, ctx: { state: { userAbility?: unknown } }, what: 'read' | 'update', uid: string, documentId: string): Promise<void> {
  const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ctx.state.userAbility, model: uid }) as PermissionChecker;
  // A deleted entry's versions are judged by the type alone.
  const entity = await strapi.db.query(uid as UID.ContentType).findOne({ where: { documentId }, populate: ['createdBy'] as never });
  if (!ctx.state.userAbility || checker.cannot[what](entity ?? undefined)) {
    throw new errors.ForbiddenError(what === 'read' ? `You may not read ${uid}` : `You may not update ${uid}`);
  }
}

const policies = { policies: ['admin::isAuthenticatedAdmin'] };

/** An entry's versions, one version whole (with the one before, for the diff), and its restore. */
export function registerHistoryRoutes(strapi: Core.Strapi): void {
  const knex = () => strapi.db.connection;
  strapi.server.routes({
    type: 'admin',
    prefix: '/admin',
    routes: [
      {
        method: 'GET',
        path: '/content-history/entries/:uid/:documentId',
        handler: async (ctx: any) => {
          const { uid, documentId } = parse(listParams, ctx.params);
          const { page } = parse(listQuery, ctx.query);
          await allow(strapi, ctx, 'read', uid, documentId);
          if (!(await knex().schema.hasTable(VERSION_TABLE))) {
            ctx.body = { data: [], meta: { page, pageSize: PAGE_SIZE, total: 0 } };
            return;
          }
          const ofEntry = () => knex()(VERSION_TABLE).where({ content_type: uid, document_id: documentId });
          const [counted] = await ofEntry().count({ total: '*' });
          const rows = await ofEntry().select(META_COLUMNS).orderBy('id', 'desc').limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE);
          ctx.body = { data: rows.map(fromRow), meta: { page, pageSize: PAGE_SIZE, total: Number(counted?.total ?? 0) } };
        },
        config: policies,
      },
      {
        method: 'GET',
        path: '/content-history/versions/:id',
        handler: async (ctx: any) => {
          const { id } = parse(versionParams, ctx.params);
          const version = await findVersion(strapi, id);
          if (!version) throw new errors.NotFoundError(`No version ${id}`);
          await allow(strapi, ctx, 'read', version.contentType, version.documentId);
          const before = await knex()(VERSION_TABLE)
            .where({ content_type: version.contentType, document_id: version.documentId })
            .where('id', '<', id)
            .orderBy('id', 'desc')
            .first('id');
          const previous = before ? await findVersion(strapi, Number(before.id)) : null;
          ctx.body = { data: { ...version, previous: previous ? { id: previous.id, version: previous.version, data: previous.data } : null } };
        },
        config: policies,
      },
      {
        method: 'POST',
        path: '/content-history/versions/:id/restore',
        handler: async (ctx: any) => {
          const { id } = parse(versionParams, ctx.params);
          const version = await findVersion(strapi, id);
          if (!version) throw new errors.NotFoundError(`No version ${id}`);
          await allow(strapi, ctx, 'update', version.contentType, version.documentId);
          const { restored, documentId } = await restoreVersion(strapi, id);
          ctx.body = { data: { restoredVersion: restored.version, documentId, published: false } };
        },
        config: policies,
      },
    ],
  } as never);
}

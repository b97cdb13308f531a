import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { audit } from '../audit/audit-log';
import { runAs } from '../audit/audit-actor';
import { declarationOf } from '../content-model/content-types.js';
import { hasDraftAndPublish } from '../utils/our-content-types';
import { toWriteData } from './entry-snapshot';
import { whileRestoring } from './restore-context';
import { fromRow, VERSION_TABLE, type VersionRow } from './version-table';

export type StoredVersion = VersionRow & { data: Record<string, unknown> };

export async function findVersion(strapi: Core.Strapi, id: number): Promise<StoredVersion | null> {
  if (!(await strapi.db.connection.schema.hasTable(VERSION_TABLE))) return null;
  const row = await strapi.db.connection(VERSION_TABLE).where({ id }).first();
  return row ? { ...fromRow(row), data: JSON.parse(String(row.data)) as Record<string, unknown> } : null;
}

/**
 * Makes a version the entry's current draft (a type without drafts: the entry itself). It is
 * never published here, and no version is lost: the restore is one more. The content rules
 * judge it as any save, so a version that no longer fits (its slug taken since) is a 400
 * naming the field, and nothing changes.
 */
export async function restoreVersion(strapi: Core.Strapi, id: number): Promise<{ restored: StoredVersion; documentId: string }> {
  const version = await findVersion(strapi, id);
  if (!version || !declarationOf(version.contentType)) throw new errors.NotFoundError(`No version ${id}`);
  const uid = version.contentType as UID.ContentType;
  const service = strapi.documents(uid) as unknown as { findOne(p: object): Promise<unknown>; update(p: object): Promise<unknown> };
  if (!(await service.findOne({ documentId: version.documentId, status: 'draft' }))) {
    throw new errors.NotFoundError(`The entry of version ${id} no longer exists`);
  }
  // Outside a request (a script), the restore is its own actor; in the admin, the user who clicked.
  await runAs('restore', async () => {
    await whileRestoring(version.version, () =>
      service.update({
        documentId: version.documentId,
        ...(version.locale ? { locale: version.locale } : {}),
        data: toWriteData(strapi, uid, version.data),
        ...(hasDraftAndPublish(uid) ? { status: 'draft' } : {}),
      }),
    );
    // Once the write is committed: the audit log's first entry in a process makes its table outside any transaction.
    await audit(strapi, { action: 'history.restore', subjectType: uid, subjectId: version.documentId, detail: { version: version.version, versionId: version.id } });
  });
  return { restored: version, documentId: version.documentId };
}

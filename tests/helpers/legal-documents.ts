import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES } from '../../cms/src/content-model/content-types.js';

const DOCUMENT = CONTENT_TYPES.legalDocument.uid;
const DOCUMENT_TYPE = CONTENT_TYPES.documentType.uid;

type Uid = 'api::article.article';
const docs = (strapi: Core.Strapi, uid: string) => strapi.documents(uid as Uid);

/** A type of the managed list, found by name (the sample import may have made it) or made. */
export async function documentType(strapi: Core.Strapi, name: string, order = 0): Promise<{ documentId: string; slug: string }> {
  const found = await docs(strapi, DOCUMENT_TYPE).findFirst({ filters: { name } as never });
  return (found ?? (await docs(strapi, DOCUMENT_TYPE).create({ data: { name, order } as never }))) as unknown as { documentId: string; slug: string };
}

/** A file record of the media library, as an upload leaves it (the bytes are not the site's concern). */
export async function attachmentFile(strapi: Core.Strapi, name: string, mime: string, sizeKb: number): Promise<number> {
  const ext = name.slice(name.lastIndexOf('.'));
  const hash = `${name.replace(/\W+/g, '_')}_${Date.now().toString(36)}`;
  const file = await strapi.db.query('plugin::upload.file').create({
    data: { name, hash, ext, mime, size: sizeKb, url: `/uploads/${hash}${ext}`, provider: 'local', folderPath: '/' },
  });
  return file.id as number;
}

export interface DocumentData {
  number: string;
  documentType?: string;
  issuingBody: string;
  signer?: string;
  signerPosition?: string;
  issuedAt: string;
  effectiveAt?: string;
  validity?: 'in_force' | 'expired' | 'replaced';
  replacedBy?: string;
  summary: string;
  subjectArea?: string;
  attachments?: number[];
  articles?: string[];
  tasks?: string[];
}

/** A published legal document; its slug is made from its number by the CMS. */
export async function publishDocument(strapi: Core.Strapi, data: DocumentData): Promise<{ documentId: string; slug: string }> {
  return (await docs(strapi, DOCUMENT).create({ status: 'published', data: data as never })) as unknown as { documentId: string; slug: string };
}

import type { Core, UID } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';
import { vietnameseSlug } from '../utils/vietnamese-slug';
import { attachmentFile, sampleDocx, samplePdf } from './sample-attachments';
import sample from './sample-documents.json';

const LEGAL_DOCUMENT = CONTENT_TYPES.legalDocument.uid;
const DOCUMENT_TYPE = CONTENT_TYPES.documentType.uid;
const MIME = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } as const;

type SampleDocument = (typeof sample.documents)[number] & { replacedBy?: string; citedBySampleArticle?: boolean; signer?: string };

/** Looks an entry up by slug and creates it only when missing; says which it was. */
export type Ensure = (uid: UID.ContentType, slug: string, create: () => Promise<{ documentId: string }>) => Promise<{ documentId: string }>;

/** What the attachment says, on its face, in Vietnamese: sample data, and of which document. */
function attachmentText(doc: SampleDocument): string[] {
  return [
    'DỮ LIỆU MẪU — KHÔNG PHẢI VĂN BẢN THẬT',
    `Số, ký hiệu: ${doc.number}`,
    `Cơ quan ban hành: ${doc.issuingBody}`,
    `Ngày ban hành: ${doc.issuedAt.split('-').reverse().join('/')}`,
    'Tệp đính kèm do cổng thông tin tạo tự động để minh họa mục Văn bản.',
  ];
}

async function uploadAttachment(strapi: Core.Strapi, doc: SampleDocument): Promise<number> {
  const { format, name } = doc.attachment as { format: 'pdf' | 'docx'; name: string };
  const bytes = format === 'pdf' ? samplePdf(attachmentText(doc)) : sampleDocx(attachmentText(doc));
  const file = attachmentFile(name, bytes, MIME[format]);
  const [uploaded] = await strapi
    .plugin('upload')
    .service('upload')
    .upload({ data: { fileInfo: { name, caption: `${doc.number} (dữ liệu mẫu)` } }, files: file });
  return uploaded.id as number;
}

/**
 * The managed list of document types and five invented Văn bản of the ward, each marked
 * "Dữ liệu mẫu" in its summary and attachment, one replacing another, one cited by the
 * sample article. Replacing documents come first in the file, so the replaced one can name it.
 */
export async function seedSampleDocuments(strapi: Core.Strapi, ensure: Ensure, sampleArticle: string): Promise<void> {
  const types = new Map<string, string>();
  for (const type of sample.documentTypes) {
    const slug = vietnameseSlug(type.name);
    const doc = await ensure(DOCUMENT_TYPE, slug, () => strapi.documents(DOCUMENT_TYPE).create({ data: { ...type, slug } as never }));
    types.set(type.name, doc.documentId);
  }

  const documents = new Map<string, string>();
  for (const doc of sample.documents as SampleDocument[]) {
    const { key, attachment: _attachment, replacedBy, citedBySampleArticle, documentType, ...fields } = doc;
    const slug = vietnameseSlug(doc.number);
    const created = await ensure(LEGAL_DOCUMENT, slug, async () =>
      strapi.documents(LEGAL_DOCUMENT).create({
        status: 'published',
        data: {
          ...fields,
          slug,
          documentType: types.get(documentType),
          attachments: [await uploadAttachment(strapi, doc)],
          ...(replacedBy ? { replacedBy: documents.get(replacedBy) } : {}),
          ...(citedBySampleArticle ? { articles: [sampleArticle] } : {}),
        } as never,
      }),
    );
    documents.set(key, created.documentId);
  }
}

/**
 * Writes planned Văn bản through the Document Service: the managed types they need, a few
 * small generated PDFs that all documents share (a thousand uploads would make the same
 * pages), and the documents, newest first so a replaced one can name its replacement.
 */
import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES } from '../../cms/src/content-model/content-types.js';
import { attachmentFile, samplePdf } from '../../cms/src/seed/sample-attachments.js';
import { planDocuments, type DocumentPlanOptions } from './plan-documents.js';
import * as words from './vietnamese-words.js';

const DOCUMENT = CONTENT_TYPES.legalDocument.uid;
const DOCUMENT_TYPE = CONTENT_TYPES.documentType.uid;
const BATCH = 50;
const ATTACHMENTS = 4;

export interface DocumentCorpusOptions extends Omit<DocumentPlanOptions, 'articles' | 'attachments'> {
  /** documentIds of the corpus's articles, cited by some documents. */
  articles: string[];
  onProgress?: (done: number, total: number) => void;
}

type Uid = typeof DOCUMENT;

async function uploadSharedPdf(strapi: Core.Strapi, k: number): Promise<number> {
  const name = `van-ban-du-lieu-mau-${k + 1}.pdf`;
  const bytes = samplePdf(['DỮ LIỆU MẪU — KHÔNG PHẢI VĂN BẢN THẬT', `Tệp đính kèm dùng chung số ${k + 1}`, 'Tạo tự động để thử cổng thông tin với nhiều văn bản.']);
  const [uploaded] = await strapi
    .plugin('upload')
    .service('upload')
    .upload({ data: { fileInfo: { name, caption: 'Dữ liệu mẫu' } }, files: attachmentFile(name, bytes, 'application/pdf') });
  return uploaded.id as number;
}

/** Loads the documents and returns their documentIds in the plan's (issued) order. */
export async function generateDocuments(strapi: Core.Strapi, options: DocumentCorpusOptions): Promise<string[]> {
  const plan = planDocuments({ ...options, articles: options.articles.length, attachments: ATTACHMENTS });
  if (plan.length === 0) return [];
  const docs = (uid: string) => strapi.documents(uid as Uid);

  const types = new Map<string, string>();
  for (const [order, { name }] of words.DOCUMENT_TYPES.entries()) {
    const found = await docs(DOCUMENT_TYPE).findFirst({ filters: { name } as never });
    types.set(name, (found ?? (await docs(DOCUMENT_TYPE).create({ data: { name, order: order + 1 } as never }))).documentId);
  }
  const files: number[] = [];
  for (let k = 0; k < ATTACHMENTS; k += 1) files.push(await uploadSharedPdf(strapi, k));

  const ids: string[] = new Array(plan.length);
  let done = 0;
  // One transaction a batch, as for articles; newest first, so every replacement exists already.
  for (let to = plan.length; to > 0; to -= BATCH) {
    const from = Math.max(0, to - BATCH);
    await strapi.db.transaction(async () => {
      for (let i = to - 1; i >= from; i -= 1) {
        const { replacedBy, attachment, articles, documentType, ...fields } = plan[i]!;
        const created = await docs(DOCUMENT).create({
          status: 'published',
          data: {
            ...fields,
            documentType: types.get(documentType),
            attachments: [files[attachment]],
            ...(replacedBy === undefined ? {} : { replacedBy: ids[replacedBy] }),
            ...(articles.length ? { articles: articles.map((a) => options.articles[a]) } : {}),
          } as never,
        });
        ids[i] = created.documentId;
      }
    });
    done += to - from;
    options.onProgress?.(done, plan.length);
  }
  return ids;
}

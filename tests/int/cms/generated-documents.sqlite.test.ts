import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../../cms/src/content-model/content-types.js';
import { generateCorpus, type Corpus } from '../../../scripts/corpus/generate-corpus.js';
import { planDocuments } from '../../../scripts/corpus/plan-documents.js';
import { bootStrapi, type TestStrapi } from '../../helpers/boot-strapi.js';
import { sqliteDatabase, type TestDatabase } from '../../helpers/test-database.js';

const DOCUMENTS = 60;

interface Stored {
  documentId: string;
  number: string;
  validity: string;
  replacedBy: { documentId: string } | null;
  attachments: { id: number; mime: string }[];
  articles: { documentId: string }[];
}

/** The corpus generator's Văn bản, written through the CMS's own rules (a broken one would be a 400 here). */
describe('generated Văn bản in a real CMS', () => {
  let db: TestDatabase;
  let cms: TestStrapi;
  let corpus: Corpus;
  let stored: Stored[];

  beforeAll(async () => {
    db = sqliteDatabase();
    cms = await bootStrapi(db);
    const images = await cms.strapi.db.query('plugin::upload.file').findMany({ select: ['id'], where: { mime: { $startsWith: 'image/' } } });
    corpus = await generateCorpus(cms.strapi, { articles: 12, categories: 2, people: 4, imageIds: images.map((f: { id: number }) => f.id), documents: DOCUMENTS });
    stored = (await cms.strapi.documents(CONTENT_TYPES.legalDocument.uid).findMany({
      status: 'published',
      filters: { documentId: { $in: corpus.documents } } as never,
      populate: { replacedBy: { fields: ['number'] }, attachments: true, articles: { fields: ['title'] } } as never,
      limit: DOCUMENTS * 2,
    })) as unknown as Stored[];
  }, 240_000);
  afterAll(async () => {
    await cms?.stop();
    await db?.drop();
  });

  it('are all published, as planned, replacements and cited articles resolved', () => {
    const plan = planDocuments({ documents: DOCUMENTS, articles: 12 });
    expect(stored).toHaveLength(DOCUMENTS);
    const byId = new Map(stored.map((d) => [d.documentId, d]));
    plan.forEach((planned, i) => {
      const doc = byId.get(corpus.documents[i]!)!;
      expect(doc.number).toBe(planned.number);
      expect(doc.validity).toBe(planned.validity);
      expect(doc.replacedBy?.documentId ?? null).toBe(planned.replacedBy === undefined ? null : corpus.documents[planned.replacedBy]);
      expect(doc.articles.map((a) => a.documentId).sort()).toEqual(planned.articles.map((a) => corpus.articles[a]).sort());
    });
    expect(plan.some((d) => d.validity === 'replaced')).toBe(true);
  });

  it('share a few generated PDFs as attachments', () => {
    expect(stored.every((d) => d.attachments.length === 1 && d.attachments[0]!.mime === 'application/pdf')).toBe(true);
    expect(new Set(stored.map((d) => d.attachments[0]!.id)).size).toBe(4);
  });
});

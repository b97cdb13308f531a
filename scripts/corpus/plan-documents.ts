/**
 * Generated Văn bản as plain data, before anything is written: which type, body, number,
 * dates, validity and replacement each has. Pure and seeded, so the same options give the
 * same documents on every machine, and a unit test can hold them to the CMS's rules.
 */
import { seededRandom } from './random.js';
import * as words from './vietnamese-words.js';

export interface DocumentPlanOptions {
  documents: number;
  seed?: number;
  /** How many articles exist to cite, by index. */
  articles?: number;
  /** How many shared attachments to spread over the documents. */
  attachments?: number;
  /** The first year issued; documents are spread evenly over `years` years. */
  firstYear?: number;
  years?: number;
}

export interface PlannedDocument {
  number: string;
  documentType: string;
  issuingBody: string;
  signer: string;
  signerPosition: string;
  /** YYYY-MM-DD. */
  issuedAt: string;
  effectiveAt: string;
  validity: 'in_force' | 'expired' | 'replaced';
  /** Index of the later document that replaces this one. */
  replacedBy?: number;
  summary: string;
  subjectArea: string;
  /** Index of the shared attachment. */
  attachment: number;
  /** Indexes of the articles that report on it. */
  articles: number[];
}

const DAY = 24 * 3600 * 1000;
const day = (time: number) => new Date(time).toISOString().slice(0, 10);
/** Types that are later replaced by a newer one of the same kind; a Thông báo or Báo cáo is not. */
const REPLACEABLE = new Set(['Quyết định', 'Chỉ thị', 'Kế hoạch', 'Hướng dẫn', 'Nghị quyết']);

/**
 * Documents in the order they were issued. Numbers run from 1 each year within each body, as
 * a body's register does, so a number is unique per body; some documents are replaced by a
 * later one of the same body and type, some have expired.
 */
export function planDocuments(options: DocumentPlanOptions): PlannedDocument[] {
  // Its own stream, so adding documents never changes the articles of the same seed.
  const r = seededRandom(((options.seed ?? 42) ^ 0x5eed0c) >>> 0);
  const firstYear = options.firstYear ?? 2019;
  const start = Date.UTC(firstYear, 0, 2);
  const span = Date.UTC(firstYear + (options.years ?? 7), 0, 1) - start - 31 * DAY;
  const register = new Map<string, number>();
  const symbolOf = new Map<string, string>(words.DOCUMENT_TYPES.map((t) => [t.name, t.symbol]));

  const plan: PlannedDocument[] = [];
  for (let i = 0; i < options.documents; i += 1) {
    const issued = start + Math.floor((i * span) / Math.max(1, options.documents)) + r.int(0, 12) * 3600 * 1000;
    const year = new Date(issued).getUTCFullYear();
    const body = r.pick(words.ISSUING_BODIES);
    const documentType = r.pick(body.types);
    const key = `${body.name}|${year}`;
    const n = (register.get(key) ?? 0) + 1;
    register.set(key, n);
    const topic = r.pick(words.TOPICS);
    const subjectArea = r.pick(words.SUBJECT_AREAS);
    plan.push({
      number: `${String(n).padStart(2, '0')}/${year}/${symbolOf.get(documentType)}-${body.office}`,
      documentType,
      issuingBody: body.name,
      signer: `${r.pick(words.FAMILY_NAMES)} ${r.pick(words.MIDDLE_NAMES)} ${r.pick(words.GIVEN_NAMES)}`,
      signerPosition: r.pick(body.positions),
      issuedAt: day(issued),
      effectiveAt: day(issued + r.pick([0, 0, 1, 10, 15]) * DAY),
      validity: 'in_force',
      summary: `${documentType} về việc ${topic} trên địa bàn năm ${year} (lĩnh vực ${subjectArea.toLowerCase()}).`,
      subjectArea,
      attachment: i % Math.max(1, options.attachments ?? 4),
      articles: options.articles && i % 4 === 0 ? [...new Set([r.int(0, options.articles - 1), r.int(0, options.articles - 1)])] : [],
    });
  }

  // Replacement: a later document of the same body and type, within the next hundred.
  plan.forEach((doc, i) => {
    const roll = r.next();
    if (REPLACEABLE.has(doc.documentType) && roll < 0.12) {
      const j = plan.findIndex((later, k) => k > i && k <= i + 100 && later.issuingBody === doc.issuingBody && later.documentType === doc.documentType);
      if (j > 0) {
        doc.validity = 'replaced';
        doc.replacedBy = j;
        plan[j]!.summary += ` Thay thế ${doc.documentType} số ${doc.number}.`;
        return;
      }
    }
    if (roll > 0.93) doc.validity = 'expired';
  });
  return plan;
}

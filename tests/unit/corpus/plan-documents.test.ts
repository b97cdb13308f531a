import { describe, expect, it } from 'vitest';
import { checkLegalDocumentDates } from '../../../cms/src/content-rules/legal-document-dates.js';
import { comparable } from '../../../cms/src/content-rules/legal-document-number-unique.js';
import { checkLegalDocumentReplacement } from '../../../cms/src/content-rules/legal-document-replacement.js';
import { planDocuments } from '../../../scripts/corpus/plan-documents.js';
import { DOCUMENT_TYPES, ISSUING_BODIES, SUBJECT_AREAS } from '../../../scripts/corpus/vietnamese-words.js';

const plan = planDocuments({ documents: 1000, articles: 1000, attachments: 4 });

describe('generated Văn bản', () => {
  it('are the same for the same seed, and others for another', () => {
    expect(planDocuments({ documents: 1000, articles: 1000, attachments: 4 })).toEqual(plan);
    expect(planDocuments({ documents: 1000, articles: 1000, attachments: 4, seed: 7 })).not.toEqual(plan);
    // A shorter run is not a prefix of a longer one (dates spread over the years), but is itself stable.
    expect(planDocuments({ documents: 5 })).toEqual(planDocuments({ documents: 5 }));
    expect(planDocuments({ documents: 0 })).toEqual([]);
  });

  it('give each number once per issuing body, however it is spelt', () => {
    const keys = plan.map((d) => `${comparable(d.issuingBody)}|${comparable(d.number)}`);
    expect(new Set(keys).size).toBe(plan.length);
    // The same number may recur in another body, as real registers do.
    expect(new Set(plan.map((d) => d.number)).size).toBeLessThan(plan.length);
  });

  it('have numbers in the n/year/SYMBOL-OFFICE style, counting up within a body and year', () => {
    const last = new Map<string, number>();
    for (const d of plan) {
      const body = ISSUING_BODIES.find((b) => b.name === d.issuingBody)!;
      const symbol = DOCUMENT_TYPES.find((t) => t.name === d.documentType)!.symbol;
      const year = d.issuedAt.slice(0, 4);
      expect(d.number).toMatch(new RegExp(`^\\d{2,}/${year}/${symbol}-${body.office}$`, 'u'));
      expect(body.types as readonly string[]).toContain(d.documentType);
      const n = Number(d.number.split('/')[0]);
      expect(n).toBe((last.get(`${d.issuingBody}|${year}`) ?? 0) + 1);
      last.set(`${d.issuingBody}|${year}`, n);
    }
  });

  it('pass the CMS rules on dates and replacement, and the schema lengths', () => {
    plan.forEach((d, i) => {
      expect(d.number.length).toBeLessThanOrEqual(100);
      expect(d.summary.length).toBeLessThanOrEqual(2000);
      for (const text of [d.number, d.issuingBody, d.summary, d.signer, d.signerPosition]) expect(text).toBe(text.normalize('NFC'));
      expect(d.effectiveAt >= d.issuedAt).toBe(true);
      if (i > 0) expect(d.issuedAt >= plan[i - 1]!.issuedAt).toBe(true);
      const entry = {
        documentId: `doc-${i}`,
        issuedAt: d.issuedAt,
        effectiveAt: d.effectiveAt,
        validity: d.validity,
        replacedBy: d.replacedBy === undefined ? null : `doc-${d.replacedBy}`,
      };
      expect(() => checkLegalDocumentDates(entry as never)).not.toThrow();
      expect(() => checkLegalDocumentReplacement(entry as never)).not.toThrow();
      expect(d.validity === 'replaced').toBe(d.replacedBy !== undefined);
      if (d.replacedBy !== undefined) {
        // Later (so it is created first, newest first), same body and type, and it says so.
        const by = plan[d.replacedBy]!;
        expect(d.replacedBy).toBeGreaterThan(i);
        expect([by.issuingBody, by.documentType]).toEqual([d.issuingBody, d.documentType]);
        expect(by.summary).toContain(`Thay thế ${d.documentType} số ${d.number}.`);
      }
    });
  });

  it('spread over every type, body, field and year, with replaced, expired and cited ones', () => {
    expect(new Set(plan.map((d) => d.documentType))).toEqual(new Set(DOCUMENT_TYPES.map((t) => t.name)));
    expect(new Set(plan.map((d) => d.issuingBody))).toEqual(new Set(ISSUING_BODIES.map((b) => b.name)));
    expect(new Set(plan.map((d) => d.subjectArea))).toEqual(new Set(SUBJECT_AREAS));
    expect(new Set(plan.map((d) => d.issuedAt.slice(0, 4)))).toEqual(new Set(['2019', '2020', '2021', '2022', '2023', '2024', '2025']));
    const count = (validity: string) => plan.filter((d) => d.validity === validity).length;
    expect(count('replaced')).toBeGreaterThan(20);
    expect(count('expired')).toBeGreaterThan(20);
    expect(count('in_force')).toBeGreaterThan(plan.length / 2);
    expect(plan.filter((d) => d.articles.length > 0).length).toBeGreaterThan(100);
    expect(plan.every((d) => d.articles.every((a) => Number.isInteger(a) && a >= 0 && a < 1000))).toBe(true);
    expect(new Set(plan.map((d) => d.attachment))).toEqual(new Set([0, 1, 2, 3]));
  });

  it('cite no article when there is none', () => {
    expect(planDocuments({ documents: 50 }).every((d) => d.articles.length === 0)).toBe(true);
  });
});

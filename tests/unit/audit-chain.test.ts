import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH, verifyChain, type AuditContent, type AuditRecord } from '../../cms/src/audit/audit-chain.js';

const content = (n: number): AuditContent => ({
  at: `2026-12-07T0${n}:00:00.000Z`,
  actor: `Biên tập ${n} <bt${n}@example.gov.vn>`,
  actorKind: 'admin',
  action: 'entry.publish',
  subjectType: 'api::article.article',
  subjectId: `doc${n}`,
  detail: JSON.stringify({ title: `Bài số ${n}` }),
  clientAddress: '203.0.113.7',
});

function chain(length: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  for (let n = 1; n <= length; n += 1) {
    const prevHash = records.at(-1)?.hash ?? GENESIS_HASH;
    records.push({ ...content(n), id: n, prevHash, hash: chainHash(prevHash, content(n)) });
  }
  return records;
}

describe('the audit log hash chain', () => {
  it('accepts an intact chain and an empty one', async () => {
    expect(await verifyChain(chain(5))).toEqual({ ok: true, entries: 5, head: chain(5)[4]!.hash });
    expect(await verifyChain([])).toEqual({ ok: true, entries: 0, head: GENESIS_HASH });
  });

  it.each<[string, (records: AuditRecord[]) => AuditRecord[], number, RegExp]>([
    ["an entry's actor changed", (r) => r.map((e) => (e.id === 3 ? { ...e, actor: 'Người khác' } : e)), 3, /altered/],
    ["an entry's detail changed", (r) => r.map((e) => (e.id === 2 ? { ...e, detail: '{}' } : e)), 2, /altered/],
    ["an entry's time moved", (r) => r.map((e) => (e.id === 4 ? { ...e, at: '2026-12-08T00:00:00.000Z' } : e)), 4, /altered/],
    ['an entry removed', (r) => r.filter((e) => e.id !== 3), 4, /1 missing/],
    ['an entry removed and the ids closed up', (r) => r.filter((e) => e.id !== 3).map((e) => (e.id > 3 ? { ...e, id: e.id - 1 } : e)), 3, /does not follow/],
    ['two entries swapped', (r) => [r[0]!, r[2]!, r[1]!, r[3]!, r[4]!], 3, /missing|does not follow/],
    ['an entry altered and its hash recomputed', (r) => r.map((e) => (e.id === 2 ? { ...e, actor: 'X', hash: chainHash(e.prevHash, { ...e, actor: 'X' }) } : e)), 3, /does not follow/],
    ['the first entry removed', (r) => r.slice(1), 2, /missing/],
  ])('names the entry when %s', async (_label, tamper, id, reason) => {
    const verdict = await verifyChain(tamper(chain(5)));
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.id).toBe(id);
      expect(verdict.reason).toMatch(reason);
    }
  });
});

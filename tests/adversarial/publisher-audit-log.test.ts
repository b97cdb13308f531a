import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublisherAuditLog } from '../../scripts/publisher/publisher-audit-log.js';
import { runScript } from '../int/publisher/support/run-script.js';
import { secret, startPublisher, type TestPublisher } from '../int/publisher/support/harness.js';

/**
 * Issue 20: the publisher's audit log (PUBLISHER_DIR/audit.jsonl) is a file anyone with the
 * server's shell can edit; what they change, remove or insert is named by `--verify`. A
 * caller without the secret writes nothing into it, however many times it knocks.
 */
describe('the publisher audit log, attacked', () => {
  let dir: string;
  let pristine: string[];

  const verify = () => runScript('scripts/audit.ts', ['--verify', '--log', 'publisher'], { PUBLISHER_DIR: dir });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'publisher-audit-'));
    const log = new PublisherAuditLog(dir);
    // Many appends at once from one process keep one chain.
    await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        log.append({ actor: 'publisher', actorKind: 'publisher', action: 'publisher.release', subjectType: 'release', subjectId: `r${index}`, clientAddress: null }),
      ),
    );
    pristine = readFileSync(log.file, 'utf8').trimEnd().split('\n');
    expect((await verify()).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const tamper = (lines: string[]) => writeFileSync(path.join(dir, 'audit.jsonl'), `${lines.join('\n')}\n`);
  const edit = (index: number, change: (entry: Record<string, unknown>) => void) =>
    pristine.map((line, at) => {
      if (at !== index) return line;
      const entry = JSON.parse(line) as Record<string, unknown>;
      change(entry);
      return JSON.stringify(entry);
    });

  it.each([
    ['an altered actor', () => edit(2, (e) => (e.actor = 'somebody else')), 3, 'altered'],
    ['an altered release id', () => edit(4, (e) => (e.subjectId = 'r-forged')), 5, 'altered'],
    ['a removed entry', () => pristine.filter((_, at) => at !== 3), 5, 'missing'],
    ['a removed first entry', () => pristine.slice(1), 2, 'missing'],
    ['two swapped entries', () => [pristine[0]!, pristine[2]!, pristine[1]!, ...pristine.slice(3)], 3, 'missing'],
    ['an entry re-hashed after editing but not its successor', () => edit(1, (e) => (e.hash = 'f'.repeat(64))), 2, 'altered'],
    ['a line that is not JSON', () => [...pristine.slice(0, 2), 'rm -rf /', ...pristine.slice(2)], 3, 'not JSON'],
  ])('--verify names %s and fails', async (_label, lines, id, words) => {
    tamper(lines());
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Publisher audit log broken at entry ${id}`);
    expect(result.stderr).toContain(words);
    tamper(pristine);
  });

  it('writes nothing for deploy-hook calls without the secret', async () => {
    let p: TestPublisher | undefined;
    try {
      p = await startPublisher({ debounceMs: 60_000, maxWaitMs: 60_000 });
      const knocks = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          fetch(`${p!.hooksUrl}/hooks/deploy${index % 2 ? `/${'0'.repeat(64)}` : ''}`, { method: 'POST', headers: { Authorization: `Bearer ${secret}x` } }),
        ),
      );
      expect(knocks.map((r) => r.status)).toEqual(Array(20).fill(401));
      expect(() => readFileSync(path.join(p!.dir, 'audit.jsonl'))).toThrow(/ENOENT/);
    } finally {
      await p?.close();
    }
  });
});

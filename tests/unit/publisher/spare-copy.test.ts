import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpareCopy } from '../../../scripts/publisher/incremental/spare-copy.js';

function release(root: string, id: string): { id: string; dir: string } {
  const dir = path.join(root, 'releases', id);
  for (const name of ['index.html', 'tin-tuc/a/index.html', 'tin-tuc/a/index.html.br']) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), `${id} ${name}`);
  }
  return { id, dir };
}

const inode = (file: string) => statSync(file).ino;

describe('the spare linked copy of the live release', () => {
  it('is made ahead, taken whole by the next build, and made again only for the next live release', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'spare-'));
    const staging = path.join(root, 'staging');
    const spare = new SpareCopy(staging);
    const a = release(root, 'a');
    await spare.prepare(a);

    const next = path.join(staging, 'next-1');
    expect(await spare.take(a, next)).toBe('spare');
    expect(inode(path.join(next, 'tin-tuc/a/index.html.br'))).toBe(inode(path.join(a.dir, 'tin-tuc/a/index.html.br')));
    expect(readdirSync(staging)).toEqual(['next-1']);

    // Taken once: the build after it links its own copy.
    expect(await spare.take(a, path.join(staging, 'next-2'))).toBe('linked now');
    await spare.close();
  });

  it('is not used for another release (a rollback), and is removed', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'spare-'));
    const staging = path.join(root, 'staging');
    const spare = new SpareCopy(staging);
    const [a, b] = [release(root, 'a'), release(root, 'b')];
    await spare.prepare(a);
    const next = path.join(staging, 'next');
    expect(await spare.take(b, next)).toBe('linked now');
    expect(inode(path.join(next, 'index.html'))).toBe(inode(path.join(b.dir, 'index.html')));
    await spare.close();
    expect(readdirSync(staging)).toEqual(['next']);
  });

  it('of a release that is gone is not taken; the build links what it is given', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'spare-'));
    const staging = path.join(root, 'staging');
    const spare = new SpareCopy(staging);
    await spare.prepare({ id: 'gone', dir: path.join(root, 'releases', 'gone') });
    const a = release(root, 'gone');
    const next = path.join(staging, 'next');
    expect(await spare.take(a, next)).toBe('linked now');
    expect(existsSync(path.join(next, 'tin-tuc/a/index.html'))).toBe(true);
    await spare.close();
    expect(readdirSync(staging)).toEqual(['next']);
  });
});

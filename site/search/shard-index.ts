/**
 * One shard's Pagefind index, its pages added in one fixed order: by posting time, then path.
 * Pagefind numbers pages in the order they are added, and its index files depend on those
 * numbers, so the order is what makes an index built up over time byte-identical to one
 * built at once. A page added again replaces itself in place; pages cannot be taken out.
 * That lets a shard be indexed from the live release ahead of a build, and then take the
 * build's changes: edited pages parsed again, new articles (posted last) appended.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { pageFile, postedAt } from './search-shards.js';

interface Page {
  url: string;
  /** The posting time as printed, all in Vietnam time: as strings they sort in time order. */
  posted: string;
  html: string;
}

/** Files read at once; pages sent to Pagefind before waiting for its answers. */
const BATCH = 64;

const before = (a: Pick<Page, 'posted' | 'url'>, b: Pick<Page, 'posted' | 'url'>) =>
  a.posted < b.posted || (a.posted === b.posted && a.url < b.url);
const inOrder = (a: Page, b: Page) => (before(a, b) ? -1 : before(b, a) ? 1 : 0);

function checked<T extends { errors: string[] }>(response: T, what: string): T {
  if (response.errors.length > 0) throw new Error(`search index, ${what}: ${response.errors.join('; ')}`);
  return response;
}

export class ShardIndex {
  readonly shard: string;
  readonly #index: pagefind.PagefindIndex;
  /** URL → posting time of every page added. */
  readonly #posted = new Map<string, string>();
  #last: Pick<Page, 'posted' | 'url'> | undefined;

  private constructor(shard: string, index: pagefind.PagefindIndex) {
    this.shard = shard;
    this.#index = index;
  }

  /** How many pages it holds. */
  get size(): number {
    return this.#posted.size;
  }

  static async create(shard: string): Promise<ShardIndex> {
    const { index } = checked(await pagefind.createIndex({}), `shard ${shard}`);
    if (!index) throw new Error(`search index, shard ${shard}: Pagefind gave no index`);
    return new ShardIndex(shard, index);
  }

  /** Every page of the shard, from `siteDir`, into an index that has none yet. */
  async addAll(siteDir: string, urls: readonly string[]): Promise<void> {
    if (this.#posted.size > 0) throw new Error(`search index, shard ${this.shard}: pages were added already`);
    await this.#send((await this.#read(siteDir, urls)).sort(inOrder));
  }

  /**
   * Brings the index to the shard's members `urls` in `siteDir`, given that only `changed`
   * pages differ from what it holds: they are parsed again, and pages new to the shard added.
   * Changes nothing and answers false when that would not give the order a whole index has:
   * a page left the shard, an edit moved a page's posting time, or a new page is not the last.
   */
  async update(siteDir: string, urls: readonly string[], changed: ReadonlySet<string>): Promise<boolean> {
    const members = new Set(urls);
    if ([...this.#posted.keys()].some((url) => !members.has(url))) return false;
    const [edited, added] = await Promise.all([
      this.#read(siteDir, urls.filter((url) => changed.has(url) && this.#posted.has(url))),
      this.#read(siteDir, urls.filter((url) => !this.#posted.has(url))),
    ]);
    if (edited.some((page) => page.posted !== this.#posted.get(page.url))) return false;
    added.sort(inOrder);
    if (added[0] && this.#last && !before(this.#last, added[0])) return false;
    await this.#send([...edited, ...added]);
    return true;
  }

  async files(): Promise<pagefind.IndexFile[]> {
    return checked(await this.#index.getFiles(), `shard ${this.shard}`).files;
  }

  async close(): Promise<void> {
    await this.#index.deleteIndex();
  }

  async #read(siteDir: string, urls: readonly string[]): Promise<Page[]> {
    const pages: Page[] = [];
    for (let i = 0; i < urls.length; i += BATCH) {
      const batch = urls.slice(i, i + BATCH).map(async (url) => {
        const html = await readFile(path.join(siteDir, pageFile(url)), 'utf8').catch(() => {
          throw new Error(`search index, shard ${this.shard}: page ${url} is missing`);
        });
        return { url, posted: postedAt(html), html };
      });
      pages.push(...(await Promise.all(batch)));
    }
    return pages;
  }

  /** Pagefind's service takes messages in the order they are sent, so a batch keeps the order. */
  async #send(pages: readonly Page[]): Promise<void> {
    for (let i = 0; i < pages.length; i += BATCH) {
      const batch = pages.slice(i, i + BATCH);
      const answers = await Promise.all(batch.map((page) => this.#index.addHTMLFile({ sourcePath: pageFile(page.url), content: page.html })));
      answers.forEach((answer, j) => checked(answer, `shard ${this.shard}, page ${batch[j]!.url}`));
      for (const page of batch) {
        this.#posted.set(page.url, page.posted);
        if (!this.#last || before(this.#last, page)) this.#last = page;
      }
    }
  }
}

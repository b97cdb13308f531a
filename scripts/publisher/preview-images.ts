import { z } from 'zod';

/**
 * The widest image a template asks for: PhotoFigure's full-size link (fitWidths(…, [2000])
 * in site/src/components/PhotoFigure.astro); every srcset width is smaller.
 */
export const PREVIEW_IMAGE_MAX_WIDTH = 2000;

/** What the templates' <Picture> asks for (site/src/components/ResponsiveImage.astro). */
const FORMATS = ['avif', 'webp', 'jpg', 'jpeg', 'png'] as const;

const dimension = z
  .string()
  .regex(/^[1-9]\d{0,3}$/, 'a whole number of pixels')
  .transform(Number)
  .refine((n) => n <= PREVIEW_IMAGE_MAX_WIDTH, `at most ${PREVIEW_IMAGE_MAX_WIDTH}`);

const imageQuerySchema = z
  .object({
    href: z.string().url(),
    w: dimension,
    h: dimension.optional(),
    f: z.enum(FORMATS),
    q: z
      .string()
      .regex(/^(?:[1-9]\d?|100|low|mid|high|max)$/, '1 to 100 or low, mid, high, max')
      .optional(),
  })
  // fit, position, background and anything else: no template sends them.
  .strict();

export type ImageCheck = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Checks a preview /_image request against what the templates ask for: one of the CMS's
 * images (an http(s) URL on `origins`), a width the pages use, a format they use, each
 * parameter once. The path it returns is the request Astro should see: the same
 * transform with `fit=inside`, which makes Astro's sharp service refuse to enlarge.
 */
export function checkImageRequest(url: URL, origins: readonly string[]): ImageCheck {
  const entries = [...url.searchParams];
  const names = entries.map(([name]) => name);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated) return { ok: false, reason: `${repeated}: given more than once` };
  const parsed = imageQuerySchema.safeParse(Object.fromEntries(entries));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || (issue && 'keys' in issue ? String(issue.keys) : 'query');
    return { ok: false, reason: `${field}: ${issue?.message}` };
  }
  const query = parsed.data;
  const source = new URL(query.href);
  if ((source.protocol !== 'http:' && source.protocol !== 'https:') || !origins.includes(source.origin) || source.username || source.password) {
    return { ok: false, reason: 'href: not an image of the CMS' };
  }
  const canonical = new URLSearchParams({ href: source.href, w: String(query.w) });
  if (query.h !== undefined) canonical.set('h', String(query.h));
  canonical.set('f', query.f);
  if (query.q !== undefined) canonical.set('q', query.q);
  canonical.set('fit', 'inside');
  return { ok: true, path: `${url.pathname}?${canonical}` };
}

/**
 * A few image transforms at a time, a short queue behind them, and "busy" beyond: sharp
 * works in libuv's thread pool, the one the public server's file reads need too.
 */
export class TransformSlots {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(
    readonly concurrency = 2,
    readonly queue = 16,
  ) {}

  /** A release function once a slot is free, or undefined at once when the queue is full. */
  acquire(): Promise<() => void> | undefined {
    if (this.#running < this.concurrency) {
      this.#running += 1;
      return Promise.resolve(this.#releaser());
    }
    if (this.#waiting.length >= this.queue) return undefined;
    return new Promise((resolve) => this.#waiting.push(() => resolve(this.#releaser())));
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running -= 1;
    };
  }
}

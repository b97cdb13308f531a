/**
 * A small client for Strapi's REST API: bearer token, a timeout per request, retries with
 * backoff on network errors and 5xx, and a typed error that says what was asked.
 */
export class StrapiError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'StrapiError';
  }
}

export interface ClientOptions {
  baseUrl: string;
  token: string;
  timeoutMs: number;
  retries: number;
  /** First backoff delay; doubles on each retry. */
  backoffMs: number;
  fetch?: typeof fetch;
  onRequest?: (url: string) => void;
}

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

export interface ListResponse {
  data: unknown[];
  meta: { pagination: Pagination };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createStrapiClient(options: ClientOptions) {
  const doFetch = options.fetch ?? fetch;

  async function get(path: string, query: URLSearchParams): Promise<unknown> {
    const search = query.toString();
    const url = `${options.baseUrl.replace(/\/$/, '')}/api/${path}${search ? `?${search}` : ''}`;
    for (let attempt = 0; ; attempt += 1) {
      let failure: StrapiError;
      try {
        options.onRequest?.(url);
        const response = await doFetch(url, {
          headers: { Authorization: `Bearer ${options.token}`, Accept: 'application/json' },
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        if (response.ok) return await response.json();
        const detail = await response.text().catch(() => '');
        failure = new StrapiError(`Strapi answered ${response.status} for ${url}: ${detail.slice(0, 300)}`, url, response.status);
        if (response.status < 500) throw failure;
      } catch (error) {
        if (error instanceof StrapiError && error.status !== undefined && error.status < 500) throw error;
        failure = error instanceof StrapiError ? error : new StrapiError(`Strapi unreachable at ${url}: ${(error as Error).message}`, url);
      }
      if (attempt >= options.retries) throw failure;
      await sleep(options.backoffMs * 2 ** attempt);
    }
  }

  /**
   * Every page of a collection. The page count comes from the first answer, so a server that
   * caps pageSize below what was asked still yields every entry, and a wrong `total` can
   * never make this loop forever.
   */
  async function* pages(path: string, query: URLSearchParams, pageSize: number): AsyncGenerator<ListResponse> {
    let pageCount = 1;
    for (let page = 1; page <= pageCount; page += 1) {
      const q = new URLSearchParams(query);
      q.set('pagination[page]', String(page));
      q.set('pagination[pageSize]', String(pageSize));
      const body = (await get(path, q)) as ListResponse;
      if (!Array.isArray(body?.data) || typeof body?.meta?.pagination?.pageCount !== 'number') {
        throw new StrapiError(`Strapi sent a list without pagination for /api/${path}`, path);
      }
      if (page === 1) pageCount = body.meta.pagination.pageCount;
      yield body;
      if (body.data.length === 0) return;
    }
  }

  return { baseUrl: options.baseUrl.replace(/\/$/, ''), get, pages };
}

export type StrapiClient = ReturnType<typeof createStrapiClient>;

/**
 * Listings are split by hand rather than with Astro's paginate(): page 1 lives at the
 * section root and only pages 2..N have their own route (listingPath in lib/content-model).
 */
export const PAGE_SIZE = 20;

export function lastPage(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

export function pageItems<T>(items: readonly T[], page: number): T[] {
  return items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
}

/** The page numbers that need their own route (`trang/[page]`). */
export function laterPages(total: number): number[] {
  return Array.from({ length: lastPage(total) - 1 }, (_, i) => i + 2);
}

/** What one page of a listing shows: its slice and where the listing ends. */
export function listingInput<T>(items: readonly T[], page: number) {
  return { page, last: lastPage(items.length), items: pageItems(items, page) };
}

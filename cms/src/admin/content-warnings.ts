import type { SitePathStatus } from '../link-check/site-path-status';

/**
 * What an article lacks that readers will miss. Not errors: a short notice can go out
 * without a photo, but the editor should decide that knowingly.
 */
export interface ArticleDraft {
  lead?: string | null;
  cover?: { image?: unknown } | null;
}

export function articleWarnings(article: ArticleDraft): string[] {
  const warnings: string[] = [];
  if (!article.cover?.image) warnings.push('Chưa có ảnh bìa: ảnh bìa hiện ở đầu bài, trong danh sách tin và khi chia sẻ lên mạng xã hội.');
  if (!article.lead?.trim()) warnings.push('Chưa có tóm tắt: tóm tắt hiện dưới tiêu đề, trong danh sách tin và trong kết quả tìm kiếm.');
  return warnings;
}

/** As many as POST /admin/link-check/site-paths takes at once (MAX_PATHS there). */
export const MAX_CHECKED_PATHS = 50;

// `[text](/path)`, `![alt](/path "title")`, `<a href="/path">`: the forms a body links to the portal in.
const MARKDOWN_TARGET = /\]\(\s*<?(\/[^)\s>]*)/g;
const HTML_TARGET = /\shref\s*=\s*["'](\/[^"']*)["']/gi;

/**
 * The portal paths a Markdown body links to, each once, without query or fragment, in the
 * spelling the admin route takes: site-relative links only (a full URL to the portal is rare,
 * and the release's own check catches it), never `//host` ones, at most MAX_CHECKED_PATHS.
 */
export function portalLinkPaths(body: string | null | undefined): string[] {
  const paths = new Set<string>();
  for (const pattern of [MARKDOWN_TARGET, HTML_TARGET]) {
    for (const match of (body ?? '').matchAll(pattern)) {
      const path = match[1]!.replace(/[?#].*$/, '');
      if (path.startsWith('//') || path.includes('\\') || path.length > 512 || path === '') continue;
      paths.add(path);
    }
  }
  return [...paths].slice(0, MAX_CHECKED_PATHS);
}

/** A warning per link that will not lead a reader to a live page. */
export function linkWarnings(statuses: ReadonlyArray<{ path: string; status: SitePathStatus }>): string[] {
  return statuses.flatMap(({ path, status }) => {
    if (status === 'draft-only') return [`Liên kết ${path} dẫn tới một mục chưa xuất bản: người đọc sẽ gặp trang không tồn tại cho tới khi mục đó được xuất bản.`];
    if (status === 'missing') return [`Liên kết ${path} dẫn tới trang không có (hoặc đã gỡ) trên cổng.`];
    return [];
  });
}

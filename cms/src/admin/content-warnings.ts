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

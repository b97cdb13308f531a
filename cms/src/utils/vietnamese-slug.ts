/**
 * The portal's one slug rule: NFC, lower case, diacritics stripped, đ → d,
 * every run of other characters → one "-", none at either end.
 * "đ" has no decomposition in Unicode, so it needs its own mapping.
 */
export function vietnameseSlug(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

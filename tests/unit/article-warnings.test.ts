import { describe, expect, it } from 'vitest';
import { articleWarnings, type ArticleDraft } from '../../cms/src/admin/content-warnings.js';

const photo = { image: { id: 7 }, alt: 'Quang cảnh hội nghị' };

describe('the article checklist in the edit view', () => {
  it.each<[string, ArticleDraft, string[]]>([
    ['a complete article', { lead: 'Ngày 29/01/2021, Quận ủy tổ chức hội nghị.', cover: photo }, []],
    ['no cover', { lead: 'Tóm tắt' }, ['ảnh bìa']],
    ['a cover without its image', { lead: 'Tóm tắt', cover: { image: null } }, ['ảnh bìa']],
    ['no lead', { cover: photo }, ['tóm tắt']],
    ['a lead of spaces', { lead: '   ', cover: photo }, ['tóm tắt']],
    ['a new, empty article', {}, ['ảnh bìa', 'tóm tắt']],
  ])('%s', (_name, article, missing) => {
    const warnings = articleWarnings(article);
    expect(warnings).toHaveLength(missing.length);
    missing.forEach((what, i) => expect(warnings[i]).toContain(`Chưa có ${what}`));
  });
});

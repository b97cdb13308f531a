import type { Core, UID } from '@strapi/strapi';
import { vietnameseSlug } from '../utils/vietnamese-slug';
import { placeholderEmblem } from './placeholder-emblem';
import { placeholderImage, type PlaceholderFile } from './placeholder-image';
import { seedSampleDocuments } from './seed-sample-documents';
import { seedSampleNotices } from './seed-sample-notices';
import { seedSampleProcedures } from './seed-sample-procedures';
import { seedSampleQuestions } from './seed-sample-questions';
import { seedSampleProfile } from './seed-sample-profile';
import sample from './sample-content.json';

const ARTICLE = 'api::article.article';
const ATTENDEE = 'api::attendee.attendee';
const CATEGORY = 'api::category.category';
const GALLERY = 'api::photo-gallery.photo-gallery';
const TASK = 'api::resolution-task.resolution-task';
const SETTINGS = 'api::site-setting.site-setting';

export interface SeedReport {
  created: string[];
  kept: string[];
}

/**
 * Imports the sample article, and the sample Văn bản (./seed-sample-documents.ts), as typed, linked, published content. Every entry is looked up
 * first and only created when missing, so re-running adds nothing and never overwrites an
 * editor's change.
 */
export async function seedSampleContent(strapi: Core.Strapi): Promise<SeedReport> {
  const report: SeedReport = { created: [], kept: [] };
  const note = (created: boolean, label: string) => (created ? report.created : report.kept).push(label);

  async function ensure(uid: UID.ContentType, slug: string, create: () => Promise<{ documentId: string }>) {
    const found = await strapi.documents(uid).findFirst({ filters: { slug } as never, fields: ['documentId'] as never });
    note(!found, `${uid}:${slug}`);
    return found ?? create();
  }

  async function upload(name: string, label: string, hue: number, alt: string, caption: string | null) {
    return store(await placeholderImage(name, label, hue), alt, caption);
  }

  async function store(file: PlaceholderFile, alt: string, caption: string | null) {
    const [uploaded] = await strapi
      .plugin('upload')
      .service('upload')
      .upload({ data: { fileInfo: { name: file.originalFilename, alternativeText: alt, caption } }, files: file });
    return uploaded.id as number;
  }

  const settings = await strapi.documents(SETTINGS).findFirst();
  note(!settings, SETTINGS);
  if (!settings) {
    const { emblem, map } = sample.settingsImages;
    await strapi.documents(SETTINGS).create({
      data: {
        ...sample.settings,
        emblem: await store(await placeholderEmblem('quoc-huy-minh-hoa'), emblem.alt, null),
        map: { ...map, image: await upload('ban-do-vi-tri-tru-so', 'Bản đồ vị trí trụ sở (minh họa)', 150, map.alt, map.caption) },
      } as never,
    });
  }

  const categories = new Map<string, string>();
  for (const { key, ...category } of sample.categories) {
    const doc = await ensure(CATEGORY, key, () =>
      strapi.documents(CATEGORY).create({ data: { ...category, slug: key } as never }),
    );
    categories.set(key, doc.documentId);
  }

  const people = new Map<string, string>();
  for (const person of sample.attendees) {
    const slug = vietnameseSlug(person.fullName);
    const doc = await ensure(ATTENDEE, slug, () => strapi.documents(ATTENDEE).create({ data: { ...person, slug } as never }));
    people.set(person.fullName, doc.documentId);
  }

  const { article } = sample;
  const articleSlug = vietnameseSlug(article.title);
  const articleDoc = await ensure(ARTICLE, articleSlug, async () =>
    strapi.documents(ARTICLE).create({
      status: 'published',
      data: {
        ...article,
        slug: articleSlug,
        category: categories.get(article.category),
        cover: {
          ...article.cover,
          image: await upload('hoi-nghi-thi-dua-2021-anh-chinh', 'Hội nghị thi đua 2021', 355, article.cover.alt, article.cover.caption),
        },
        attendees: article.attendees.map(({ person, position }) => ({ person: people.get(person), position })),
      } as never,
    }),
  );

  const { gallery } = sample;
  const gallerySlug = vietnameseSlug(gallery.title);
  await ensure(GALLERY, gallerySlug, async () => {
    const photos = [];
    for (const [index, photo] of gallery.photos.entries()) {
      const image = await upload(`hoi-nghi-thi-dua-2021-anh-${index + 1}`, `Ảnh ${index + 1}`, 20 + index * 70, photo.alt, photo.caption);
      photos.push({ ...photo, image, credit: 'Ảnh giữ chỗ, tạo tự động' });
    }
    return strapi.documents(GALLERY).create({
      status: 'published',
      data: { ...gallery, slug: gallerySlug, photos, article: articleDoc.documentId } as never,
    });
  });

  await seedSampleDocuments(strapi, ensure, articleDoc.documentId);
  await seedSampleProfile(strapi, ensure);
  await seedSampleNotices(strapi, ensure);
  await seedSampleProcedures(strapi, ensure);
  await seedSampleQuestions(strapi, ensure);

  for (const task of sample.tasks) {
    const found = await strapi.documents(TASK).findFirst({
      filters: { year: task.year, order: task.order, sourceArticle: { documentId: articleDoc.documentId } },
    });
    note(!found, `${TASK}:${task.year}/${task.order}`);
    if (!found) await strapi.documents(TASK).create({ data: { ...task, sourceArticle: articleDoc.documentId } as never });
  }

  return report;
}

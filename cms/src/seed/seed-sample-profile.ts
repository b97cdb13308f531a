import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES } from '../content-model/content-types.js';
import { vietnameseSlug } from '../utils/vietnamese-slug';
import { placeholderImage } from './placeholder-image';
import type { Ensure } from './seed-sample-documents';
import sample from './sample-profile.json';

const PAGE = CONTENT_TYPES.page.uid;
const ATTENDEE = CONTENT_TYPES.attendee.uid;

type SamplePage = (typeof sample.pages)[number] & {
  parent?: string;
  image?: { label: string; hue: number; alt: string; caption: string; credit: string };
};

/** A placeholder drawn at seed time and uploaded with its alt text; nothing is downloaded. */
async function uploadPlaceholder(strapi: Core.Strapi, name: string, label: string, hue: number, alt: string, caption: string | null): Promise<number> {
  const file = await placeholderImage(name, label, hue);
  const [uploaded] = await strapi
    .plugin('upload')
    .service('upload')
    .upload({ data: { fileInfo: { name: file.originalFilename, alternativeText: alt, caption } }, files: file });
  return uploaded.id as number;
}

/**
 * The unit's profile (Giới thiệu): history; natural conditions, area and population with the
 * administrative map under it; functions and duties; the structure as a nested list. Then three
 * invented leaders with fake contacts. Everything not certain is marked "Dữ liệu mẫu"; parents
 * come first in the file, so a subpage can name its parent.
 */
export async function seedSampleProfile(strapi: Core.Strapi, ensure: Ensure): Promise<void> {
  const pages = new Map<string, string>();
  for (const page of sample.pages as SamplePage[]) {
    const { key, parent, image, ...fields } = page;
    const created = await ensure(PAGE, key, async () =>
      strapi.documents(PAGE).create({
        status: 'published',
        data: {
          ...fields,
          slug: key,
          ...(parent ? { parent: pages.get(parent) } : {}),
          ...(image
            ? {
                image: {
                  alt: image.alt,
                  caption: image.caption,
                  credit: image.credit,
                  image: await uploadPlaceholder(strapi, key, image.label, image.hue, image.alt, image.caption),
                },
              }
            : {}),
        } as never,
      }),
    );
    pages.set(key, created.documentId);
  }

  for (const [index, leader] of sample.leaders.entries()) {
    const slug = vietnameseSlug(leader.fullName);
    await ensure(ATTENDEE, slug, async () =>
      strapi.documents(ATTENDEE).create({
        data: {
          ...leader,
          slug,
          portrait: await uploadPlaceholder(strapi, `chan-dung-${slug}`, `Chân dung ${index + 1} (minh họa)`, 30 + index * 90, `Ảnh chân dung minh họa của ${leader.fullName}`, null),
        } as never,
      }),
    );
  }
}

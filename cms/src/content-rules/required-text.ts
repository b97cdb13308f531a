import { ALL_CONTENT_TYPES } from '../content-model/content-types.js';
import { fieldError } from './field-error';

type Data = Record<string, unknown>;

/**
 * Fields that must hold text even in a draft: the field that titles an entry (its declared
 * mainField). Strapi 5 skips `required` for drafts, but an untitled draft or a photo without
 * alt text is never what an editor means to save.
 */
const REQUIRED_TEXT: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  ALL_CONTENT_TYPES.map((type) => [type.uid, [type.admin.mainField]]),
);

/** Repeatable or single `media.photo` components, whose alt text is required. */
const PHOTO_FIELDS: Record<string, string[]> = {
  'api::article.article': ['cover'],
  'api::photo-gallery.photo-gallery': ['photos'],
  'api::page.page': ['image'],
};

const isBlank = (value: unknown) => typeof value !== 'string' || value.trim() === '';

export function checkRequiredText(uid: string, data: Data, creating: boolean): void {
  for (const field of REQUIRED_TEXT[uid] ?? []) {
    if ((creating || field in data) && isBlank(data[field])) {
      throw fieldError(uid, [field], 'must not be empty');
    }
  }
  for (const field of PHOTO_FIELDS[uid] ?? []) {
    const value = data[field];
    const photos = Array.isArray(value) ? value : value ? [value] : [];
    photos.forEach((photo: Data, index) => {
      const path = Array.isArray(value) ? [field, index] : [field];
      if (isBlank(photo?.alt)) throw fieldError(uid, [...path, 'alt'], 'must not be empty: describe the photo for readers who cannot see it');
      if (photo?.image === undefined || photo.image === null) throw fieldError(uid, [...path, 'image'], 'must be set');
    });
  }
}

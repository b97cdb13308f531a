// TEMPORARY FIXTURE CONFIG — restore from /tmp/content.config.ts.orig
import { defineCollection } from 'astro:content';
import { file } from 'astro/loaders';
import { articleSchema, attendeeSchema, categorySchema, gallerySchema, settingsSchema, taskSchema } from './lib/schemas';
const D = process.env.FIXTURE_DIR ?? '/tmp/fixture';
export const collections = {
  articles: defineCollection({ loader: file(`${D}/articles.json`), schema: articleSchema }),
  attendees: defineCollection({ loader: file(`${D}/attendees.json`), schema: attendeeSchema }),
  tasks: defineCollection({ loader: file(`${D}/tasks.json`), schema: taskSchema }),
  galleries: defineCollection({ loader: file(`${D}/galleries.json`), schema: gallerySchema }),
  categories: defineCollection({ loader: file(`${D}/categories.json`), schema: categorySchema }),
  settings: defineCollection({ loader: file(`${D}/settings.json`), schema: settingsSchema }),
};

import { defineCollection } from 'astro:content';
import { engagementLoader } from './loaders/engagement-loader';
import { strapiLoader } from './loaders/strapi-loader';
import {
  articleSchema,
  attendeeSchema,
  categorySchema,
  documentTypeSchema,
  engagementSchema,
  gallerySchema,
  legalDocumentSchema,
  noticeSchema,
  pageSchema,
  procedureSchema,
  questionSchema,
  redirectSchema,
  settingsSchema,
  taskSchema,
} from './lib/schemas';

export const collections = {
  articles: defineCollection({ loader: strapiLoader('articles'), schema: articleSchema }),
  attendees: defineCollection({ loader: strapiLoader('attendees'), schema: attendeeSchema }),
  tasks: defineCollection({ loader: strapiLoader('tasks'), schema: taskSchema }),
  galleries: defineCollection({ loader: strapiLoader('galleries'), schema: gallerySchema }),
  categories: defineCollection({ loader: strapiLoader('categories'), schema: categorySchema }),
  legalDocuments: defineCollection({ loader: strapiLoader('legalDocuments'), schema: legalDocumentSchema }),
  documentTypes: defineCollection({ loader: strapiLoader('documentTypes'), schema: documentTypeSchema }),
  pages: defineCollection({ loader: strapiLoader('pages'), schema: pageSchema }),
  notices: defineCollection({ loader: strapiLoader('notices'), schema: noticeSchema }),
  procedures: defineCollection({ loader: strapiLoader('procedures'), schema: procedureSchema }),
  questions: defineCollection({ loader: strapiLoader('questions'), schema: questionSchema }),
  redirects: defineCollection({ loader: strapiLoader('redirects'), schema: redirectSchema }),
  settings: defineCollection({ loader: strapiLoader('settings'), schema: settingsSchema }),
  engagement: defineCollection({ loader: engagementLoader(), schema: engagementSchema }),
};

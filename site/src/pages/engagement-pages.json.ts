import type { APIRoute } from 'astro';
import { CONTENT_TYPES, entryPath } from '../lib/content-model';
import { engagementManifest, type ManifestPage } from '../lib/engagement-manifest';
import { procedures } from '../lib/procedures';
import { articles, galleries, legalDocumentViews, viewsOf } from '../lib/queries';

/**
 * The pages the engagement service may count or rate (lib/engagement-manifest.ts). A static
 * endpoint, so every build writes it whole, incremental ones too; JSON, so neither the sitemap
 * nor the search index takes it.
 */
export const GET: APIRoute = async () => {
  const [news, documents, albums, services] = await Promise.all([articles(), legalDocumentViews(), galleries(), procedures()]);
  const pages: ManifestPage[] = await Promise.all([
    ...news.map(async (a) => ({ type: 'article' as const, documentId: a.documentId, path: entryPath(CONTENT_TYPES.article, a.slug), title: a.title, views: await viewsOf('article', a) })),
    ...documents.map(async (d) => ({
      type: 'legal-document' as const,
      documentId: d.documentId,
      path: entryPath(CONTENT_TYPES.legalDocument, d.slug),
      // As its page is titled: "Quyết định 12/QĐ-UBND".
      title: `${d.documentType?.name ?? 'Văn bản'} ${d.number}`,
      views: await viewsOf('legal-document', d),
    })),
    ...albums.map(async (g) => ({ type: 'photo-gallery' as const, documentId: g.documentId, path: entryPath(CONTENT_TYPES.photoGallery, g.slug), title: g.title, views: await viewsOf('photo-gallery', g) })),
    ...services.map(async (p) => ({ type: 'procedure' as const, documentId: p.documentId, path: entryPath(CONTENT_TYPES.procedure, p.slug), title: p.name, views: 0 })),
  ]);
  return new Response(JSON.stringify(engagementManifest(pages)), { headers: { 'Content-Type': 'application/json' } });
};

/** schema.org objects for JsonLd; undefined fields drop out when serialised. */
import { isoVietnam } from './format';
import type { ArticleView } from './queries';
import type { Attendee } from './schemas';

export function newsArticleLd(article: ArticleView, url: string, image: string | undefined, portalName: string) {
  const publisher = { '@type': 'GovernmentOrganization', name: portalName };
  return {
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.lead ?? undefined,
    datePublished: isoVietnam(article.postedAt),
    dateModified: isoVietnam(article.updatedAt),
    image: image ? [image] : undefined,
    mainEntityOfPage: url,
    articleSection: article.category?.name,
    inLanguage: 'vi',
    author: publisher,
    publisher,
  };
}

export function personLd(attendee: Attendee) {
  return {
    '@type': 'Person',
    name: attendee.fullName,
    jobTitle: attendee.currentPosition ?? undefined,
    worksFor: attendee.organisation ? { '@type': 'GovernmentOrganization', name: attendee.organisation } : undefined,
  };
}

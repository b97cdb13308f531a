/** schema.org objects for JsonLd; undefined fields drop out when serialised. */
import { fileSize } from './document-format';
import { isoVietnam } from './format';
import type { ArticleView } from './queries';
import type { LegalDocumentView } from './views';
import type { Attendee, Settings } from './schemas';
import { agencyOf } from './unit';

/** The agency behind the site, from its settings: its full name, the emblem as its logo (an absolute URL), and its contacts. */
export function publisherLd(settings: Settings, siteUrl: string, logo: string | undefined) {
  return {
    '@type': 'GovernmentOrganization',
    name: agencyOf(settings),
    alternateName: settings.agencyName ? settings.portalName : undefined,
    url: siteUrl,
    logo,
    address: settings.address ? { '@type': 'PostalAddress', streetAddress: settings.address, addressCountry: 'VN' } : undefined,
    telephone: settings.phone ?? undefined,
    email: settings.email ?? undefined,
    parentOrganization: settings.parentUnit ? { '@type': 'GovernmentOrganization', name: settings.parentUnit } : undefined,
  };
}

/** The author is the unit that posted it when that was not today's unit (the former district); the publisher is always today's. */
export function newsArticleLd(article: ArticleView, url: string, image: string | undefined, publisher: ReturnType<typeof publisherLd>) {
  const author = article.originUnit ? { '@type': 'GovernmentOrganization', name: article.originUnit } : publisher;
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
    author,
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

/**
 * A legal document as schema.org's Legislation. `legislationChanges` is said by the newer
 * document of the older ones it replaced; schema.org has no property for the other way.
 */
export function legislationLd(doc: LegalDocumentView, url: string, documentUrl: (slug: string) => string) {
  const body = doc.issuingBody ? { '@type': 'GovernmentOrganization', name: doc.issuingBody } : undefined;
  return {
    '@type': 'Legislation',
    name: `${doc.documentType?.name ?? 'Văn bản'} ${doc.number}`,
    legislationIdentifier: doc.number,
    legislationType: doc.documentType?.name,
    legislationDate: doc.issuedAt,
    legislationDateOfApplicability: doc.effectiveAt ?? undefined,
    legislationLegalForce: `https://schema.org/${doc.validity === 'in_force' ? 'InForce' : 'NotInForce'}`,
    legislationPassedBy: body,
    legislationResponsible: doc.signer ? { '@type': 'Person', name: doc.signer, jobTitle: doc.signerPosition ?? undefined } : undefined,
    legislationChanges: doc.replaces.length > 0 ? doc.replaces.map((old) => ({ '@type': 'Legislation', legislationIdentifier: old.number, url: documentUrl(old.slug) })) : undefined,
    abstract: doc.summary,
    about: doc.subjectArea ?? undefined,
    inLanguage: 'vi',
    url,
    encoding: doc.attachments.map((file) => ({ '@type': 'MediaObject', name: file.name, contentUrl: file.url, encodingFormat: file.mime, contentSize: fileSize(file.size) })),
  };
}

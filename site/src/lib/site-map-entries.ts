/** The sub-lists of the HTML site map, from the content store: profile pages as their tree, categories, document types, task years, procedure fields. */
import { profile } from './profile';
import type { ProfileNode } from './profile-tree';
import { procedureGroups } from './procedures';
import { questions, questionTopics } from './questions';
import { categories, legalDocumentFacets, tasksByYear } from './queries';
import type { SiteMapNode } from './site-map';
import { CONTENT_TYPES, QUESTION_FORM_PATH, entryPath, questionTopicPath, taskYearPath, typeListingPath, type ContentTypeKey } from './content-model';

const profileNodes = (nodes: ProfileNode[]): SiteMapNode[] =>
  nodes.map(({ page, children }) => ({
    name: page.title,
    href: entryPath(CONTENT_TYPES.page, page.slug),
    ...(children.length ? { children: profileNodes(children) } : {}),
  }));

export async function siteMapEntries(): Promise<Partial<Record<ContentTypeKey, SiteMapNode[]>>> {
  const [tree, categoryList, facets, years, groups, asked] = await Promise.all([profile(), categories(), legalDocumentFacets(), tasksByYear(), procedureGroups(), questions()]);
  return {
    page: profileNodes(tree.roots),
    category: categoryList.map((c) => ({ name: c.name, href: entryPath(CONTENT_TYPES.category, c.slug) })),
    documentType: facets.type.map((t) => ({ name: t.name, href: t.path })),
    resolutionTask: [...years.keys()].map((year) => ({ name: `Năm ${year}`, href: taskYearPath(year) })),
    procedure: groups.map((g) => ({ name: g.subjectArea, href: `${typeListingPath(CONTENT_TYPES.procedure)}#${g.anchor}` })),
    question: [{ name: 'Gửi câu hỏi', href: QUESTION_FORM_PATH }, ...questionTopics(asked).map((t) => ({ name: t.label, href: questionTopicPath(t.topic) }))],
  };
}

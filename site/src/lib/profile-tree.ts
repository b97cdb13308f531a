/**
 * The unit's profile (Giới thiệu) as a tree of pages: top-level pages and each one's
 * subpages in their editors' order, and the chain of parents above a page for its breadcrumbs.
 * Used by the build and the preview alike. A page whose parent is not published stands at
 * the top, as every relation to an unpublished entry drops out.
 */
import type { Page } from './schemas.js';

/** The section's name in the menu, its heading and every breadcrumb under it. */
export const PROFILE_TITLE = 'Giới thiệu';

export interface ProfileNode {
  page: Page;
  children: ProfileNode[];
}

export interface ProfileTree {
  roots: ProfileNode[];
  /** Every page, each once. */
  all: ProfileNode[];
  node(documentId: string): ProfileNode | undefined;
  /** The pages above this one, the top-level one first. */
  ancestors(documentId: string): Page[];
}

const vietnamese = new Intl.Collator('vi');
const byOrder = (a: ProfileNode, b: ProfileNode) => a.page.order - b.page.order || vietnamese.compare(a.page.title, b.page.title);

export function profileTree(pages: Page[]): ProfileTree {
  const nodes = new Map(pages.map((page) => [page.documentId, { page, children: [] as ProfileNode[] }]));
  const roots: ProfileNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.page.parent ? nodes.get(node.page.parent) : undefined;
    (parent && parent !== node ? parent.children : roots).push(node);
  }
  for (const node of nodes.values()) node.children.sort(byOrder);
  roots.sort(byOrder);
  return {
    roots,
    all: [...nodes.values()],
    node: (documentId) => nodes.get(documentId),
    ancestors(documentId) {
      const chain: Page[] = [];
      const seen = new Set([documentId]);
      // The CMS refuses loops; `seen` keeps a broken database from hanging the build.
      for (let at = nodes.get(documentId)?.page.parent; at && !seen.has(at); at = nodes.get(at)?.page.parent) {
        const above = nodes.get(at);
        if (!above) break;
        seen.add(at);
        chain.unshift(above.page);
      }
      return chain;
    },
  };
}

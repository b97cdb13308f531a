/** Notices (Thông báo) from the content store, for their pages and the banner. Few entries: read as they are, newest first. */
import { getCollection } from 'astro:content';
import type { Notice } from './schemas';

export * from './alert-banners';

const byPostedDesc = (a: Notice, b: Notice) => b.postedAt.getTime() - a.postedAt.getTime() || a.slug.localeCompare(b.slug);

/** Every published notice, newest first. */
export async function notices(): Promise<Notice[]> {
  return (await getCollection('notices')).map((entry) => entry.data).sort(byPostedDesc);
}


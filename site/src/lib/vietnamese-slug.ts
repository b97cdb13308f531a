/** The portal's one slug rule, the CMS's own (đ → d): facet pages of issuing bodies and fields are named by it. */
export { vietnameseSlug } from '../../../cms/src/utils/vietnamese-slug.js';

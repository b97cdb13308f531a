/** The day the accessibility statement (/tro-nang/) was last reviewed against the site; change it with each review. */
export const ACCESSIBILITY_REVIEWED = '2026-12-06';

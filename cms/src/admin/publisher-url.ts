/** Where editors watch their publish go live; STRAPI_ADMIN_* variables reach the admin bundle. */
export const PUBLISHER_STATUS_URL = process.env.STRAPI_ADMIN_PUBLISHER_URL || 'http://localhost:4322/';
